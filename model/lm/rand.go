package lm

import "math/rand/v2"

// Random streams. Each use of a run's seed draws from a PCG stream of its own, named by a tag
// (ASCII in hex), so that adding draws to one never shifts another. The tags are part of what
// makes a run reproducible: changing one changes every model and sample made from then on.
const (
	streamInit    = 0x66616275   // "fabu": the initial weights (NewNet)
	streamTrain   = 0x747261696e // "train": shuffling, and dropout on one worker
	streamDropout = 0x64726f70   // "drop": dropout of a share of a batch, from nn.ShareSeed
	streamSamples = 0x73616d70   // "samp": the samples written after each epoch
)

// SampleRNG is the random source of the samples written after each epoch of a run seeded with
// seed, for the command line and the studio alike: a shared run writes the same samples.
func SampleRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, streamSamples)) }
