package lm

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"fabulist/model/fab"
	"fabulist/model/nn"
)

// A text generator's model file is a fab container of kind fab.TextGenerator (version-1 files,
// which have no kind, are all text generators). Its sections, in this order:
//
//	CONF  JSON {"config": Config, "vocab_size": V, "split": "white"}: split is the tokenizer's
//	      Split, left out for SplitSpace, which files written before it existed all use; the
//	      config's cell is left out for CellLSTM, for the same reason, so that an LSTM's file is
//	      the same bytes as before the setting and older readers still open it
//	TOKN  uvarint count, then count × (uvarint length, UTF-8 bytes): the vocabulary from id 1
//	WGHT  uint64 count, then count × float32: Params.Data in Net.P.Tensors order
//	TRNS  optional: uint32 length and a JSON TrainState header, uint32 slot count, per slot a
//	      uint64 count and count × float32, then uint64 count and count × int32 window order
//	BEST  optional: uint32 length and a JSON Check header, then uint64 count and count × float32:
//	      the weights of the best validation check (Trainer.Best), in WGHT's order
//	HIST  JSON History
//	TEXT  [32]byte SHA-256 of the training text as given (before cleaning)
//
// Readers skip tags they do not know.

// MaxFileBytes bounds the model files a reader takes: 2 GiB. The largest network the limits allow
// is MaxParams float32 weights (512 MiB), 1.5 GiB with Adam's two slots; the other 512 MiB hold
// the vocabulary and the window order (each at most a few bytes per byte of a MaxTextBytes text)
// and the history (4 to 12 bytes per batch trained).
const MaxFileBytes = 2 << 30

// Model is a network with everything that travels with it in a file.
type Model struct {
	Net      *Net
	Tok      *Tokenizer
	History  History
	TextHash [32]byte
	Train    *TrainState // nil when the file carries no optimizer state
	// Best is the weights of the lowest validation check (Trainer.Best); nil in files written
	// before it was kept, or of a run without validation. Net holds the latest weights.
	Best *BestWeights
}

// BestWeights are the weights of a validation check: Weights in Net.P.Data's layout.
type BestWeights struct {
	Check
	Weights []float32 `json:"-"`
}

// Weights says which of a model's weights to write with: WeightsBest (the lowest validation
// check's, as Keras' restore_best_weights keeps) or WeightsLatest (the last training step's).
type Weights string

const (
	WeightsBest   Weights = "best"
	WeightsLatest Weights = "latest"
)

// ParseWeights reads a Weights choice; "" is WeightsBest.
func ParseWeights(s string) (Weights, error) {
	switch Weights(s) {
	case "", WeightsBest:
		return WeightsBest, nil
	case WeightsLatest:
		return WeightsLatest, nil
	}
	return "", fmt.Errorf("weights must be best or latest, not %q", s)
}

// Writer returns the network to write with: m.Net for WeightsLatest or a model without best
// weights, else a new network of m.Net's shape holding a copy of the best weights (m.Net keeps
// the latest, so that a file written of m is unchanged).
func (m *Model) Writer(w Weights) *Net {
	if w == WeightsLatest || m.Best == nil {
		return m.Net
	}
	return m.Net.WithWeights(m.Best.Weights)
}

// TrainState is what a trainer needs to continue exactly where it stopped.
type TrainState struct {
	Optimizer nn.OptimizerName `json:"optimizer"`
	Step      int64            `json:"step"`
	Epoch     int              `json:"epoch"`             // 0-based epoch in progress
	Batch     int              `json:"batch"`             // next batch of that epoch
	RNG       []byte           `json:"rng"`               // the PCG's state
	Workers   int              `json:"workers,omitempty"` // that shared each batch (0: one); see nn.Helpers
	Kernel    string           `json:"kernel,omitempty"`  // the fused kernel the products took (nn.FusedGemm); "" for any other
	Slots     [][]float32      `json:"-"`
	Order     []int32          `json:"-"` // the training windows' order in the current epoch
}

// HashText is the TEXT section's hash of a training text.
func HashText(text string) [32]byte { return sha256.Sum256([]byte(text)) }

type fileConf struct {
	Config    Config `json:"config"`
	VocabSize int    `json:"vocab_size"`
	// Split is the tokenizer's, "" for SplitSpace: files from before SplitWhite lack it, and their
	// vocabularies of words glued across line breaks ("ran.\nthe") must keep being cut that way.
	Split Split `json:"split,omitempty"`
}

// Encode writes m as a model file of the current version, whole, in one buffer of its exact
// size: a model of the book's size is some 15 MB with its optimizer state (22 MB with the best
// weights). Plan writes the same bytes in pieces.
func Encode(m *Model) ([]byte, error) {
	p, err := Plan(m)
	if err != nil {
		return nil, err
	}
	return p.Bytes(), nil
}

// Plan lays m out as a model file of the current version without writing it: the plan's Size
// is the file's length in bytes, and its WriteTo streams the same bytes as Encode's in chunks,
// so that the browser's autosave holds no whole copy of the file in Go. The plan reads m's
// weights, optimizer state and window order when it is written: they must not change before.
func Plan(m *Model) (*fab.Plan, error) {
	fc := fileConf{Config: m.Net.Cfg, VocabSize: m.Net.V, Split: m.Tok.Split}
	if fc.Split == SplitSpace {
		fc.Split = ""
	}
	if fc.Config.Cell == CellLSTM {
		fc.Config.Cell = "" // left out: Config.UnmarshalJSON reads its absence as CellLSTM
	}
	conf, err := json.Marshal(fc)
	if err != nil {
		return nil, err
	}
	hist, err := json.Marshal(m.History)
	if err != nil {
		return nil, err
	}
	p := fab.NewPlan(fab.TextGenerator)
	p.Section("CONF", fab.Raw(conf))
	p.Section("TOKN", fab.Words(m.Tok.Words[1:]))
	p.Section("WGHT", fab.Floats(m.Net.P.Data))
	if st := m.Train; st != nil {
		head, err := json.Marshal(st)
		if err != nil {
			return nil, err
		}
		p.Section("TRNS", fab.Blob(head), fab.Slots(st.Slots), fab.Uint32s(st.Order))
	}
	if b := m.Best; b != nil {
		if len(b.Weights) != len(m.Net.P.Data) {
			return nil, fmt.Errorf("lm: best weights of %d values for a network of %d", len(b.Weights), len(m.Net.P.Data))
		}
		bestHead, err := json.Marshal(b.Check)
		if err != nil {
			return nil, err
		}
		p.Section("BEST", fab.Blob(bestHead), fab.Floats(b.Weights))
	}
	p.Section("HIST", fab.Raw(hist))
	p.Section("TEXT", fab.Raw(m.TextHash[:]))
	return p, nil
}

// PlanShape lays out m's file without its weights, optimizer state and history: the
// configuration, the vocabulary and the text's hash, which is all a data-parallel helper needs
// to build its replica, since the weights come with every step (nn.Helpers.Send). A helper so
// never holds the weights twice while it starts (7 MB for the book's model). DecodeShape reads
// it; Decode refuses it, for want of weights.
func PlanShape(m *Model) (*fab.Plan, error) {
	full, err := Plan(&Model{Net: m.Net, Tok: m.Tok, TextHash: m.TextHash})
	if err != nil {
		return nil, err
	}
	return full.Without("WGHT", "HIST"), nil
}

// DecodeShape reads a file PlanShape wrote, or a whole model file, into a model whose network
// has the file's shape and zero weights (Net.P.Data is the replica's to fill). Its errors are
// Decode's.
func DecodeShape(data []byte) (*Model, error) {
	sections, err := fab.Open(data, fab.TextGenerator, "CONF", "TOKN")
	if err != nil {
		return nil, err
	}
	conf, err := decodeConf(sections["CONF"], 4*MaxParams) // the weights are not in it: MaxParams bounds the network
	if err != nil {
		return nil, err
	}
	tok, err := decodeVocab(sections["TOKN"], conf.Config.Level, conf.Split, conf.VocabSize)
	if err != nil {
		return nil, err
	}
	m := &Model{Net: layout(conf.Config, conf.VocabSize), Tok: tok}
	if b := sections["TEXT"]; len(b) == len(m.TextHash) {
		copy(m.TextHash[:], b)
	}
	return m, nil
}

// Decode reads a text generator's model file, of any version. It never panics on bad input:
// truncated, corrupted, foreign, wrong-version and absurd files, and files of another kind of
// model, give errors wrapping fab.ErrTruncated, fab.ErrChecksum, fab.ErrNotModel,
// fab.ErrVersion, fab.ErrInvalid and fab.ErrKind.
func Decode(data []byte) (*Model, error) {
	sections, err := fab.Open(data, fab.TextGenerator, "CONF", "TOKN", "WGHT")
	if err != nil {
		return nil, err
	}
	conf, err := decodeConf(sections["CONF"], len(sections["WGHT"]))
	if err != nil {
		return nil, err
	}
	tok, err := decodeVocab(sections["TOKN"], conf.Config.Level, conf.Split, conf.VocabSize)
	if err != nil {
		return nil, err
	}
	net := layout(conf.Config, conf.VocabSize)
	if err := decodeWeights(sections["WGHT"], net.P.Data); err != nil {
		return nil, err
	}
	m := &Model{Net: net, Tok: tok}
	if b := sections["TEXT"]; b != nil {
		if len(b) != len(m.TextHash) {
			return nil, fab.Invalid("text hash of %d bytes", len(b))
		}
		copy(m.TextHash[:], b)
	}
	if b := sections["HIST"]; b != nil {
		if err := json.Unmarshal(b, &m.History); err != nil {
			return nil, fab.Invalid("history: %v", err)
		}
	}
	if b := sections["TRNS"]; b != nil {
		if m.Train, err = decodeTrainState(b, len(net.P.Data)); err != nil {
			return nil, err
		}
	}
	if b := sections["BEST"]; b != nil {
		if m.Best, err = decodeBest(b, len(net.P.Data)); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// decodeBest reads the BEST section for a network of nParams weights, refusing NaN and infinite
// ones.
func decodeBest(b []byte, nParams int) (*BestWeights, error) {
	r := fab.NewReader(b)
	best := &BestWeights{}
	if !r.JSON(&best.Check, "best weights") {
		return nil, r.Err()
	}
	best.Weights = r.FiniteFloats(nParams, "the best weights")
	if r.Err() != nil {
		return nil, r.Err()
	}
	if best.Epoch < 1 || best.Batch < 0 || math.IsNaN(best.ValLoss) {
		return nil, fab.Invalid("best weights of epoch %d, batch %d", best.Epoch, best.Batch)
	}
	return best, nil
}

// decodeConf reads and checks the CONF section, before anything is allocated for it: the
// settings, a vocabulary within MaxVocab and parameters that fit MaxParams and the WGHT section's
// weightBytes. A missing split is SplitSpace, as files from before SplitWhite were cut.
func decodeConf(b []byte, weightBytes int) (fileConf, error) {
	var conf fileConf
	if err := json.Unmarshal(b, &conf); err != nil {
		return conf, fab.Invalid("configuration: %v", err)
	}
	if err := conf.Config.Validate(); err != nil {
		return conf, fab.Invalid("configuration: %v", err)
	}
	V := conf.VocabSize
	if V < 2 || V > MaxVocab {
		return conf, fab.Invalid("vocabulary of %d ids", V)
	}
	if c := paramCount(conf.Config, V); c > MaxParams || c > weightBytes/4 {
		return conf, fab.Invalid("%d parameters do not fit the file", c)
	}
	if conf.Split == "" {
		conf.Split = SplitSpace
	}
	return conf, nil
}

// decodeWeights reads the WGHT section into w, which must be its length, refusing NaN and
// infinite weights.
func decodeWeights(b []byte, w []float32) error {
	r := fab.NewReader(b)
	r.FiniteFloatsInto(w, "the weights")
	return r.Err()
}

func decodeVocab(b []byte, level Level, split Split, V int) (*Tokenizer, error) {
	r := fab.NewReader(b)
	words := r.Words(V - 1)
	if r.Err() != nil {
		return nil, r.Err()
	}
	tok, err := NewTokenizer(level, split, append([]string{""}, words...))
	if err != nil {
		return nil, fab.Invalid("%v", err)
	}
	return tok, nil
}

func decodeTrainState(b []byte, nParams int) (*TrainState, error) {
	r := fab.NewReader(b)
	st := &TrainState{}
	if !r.JSON(st, "training state") {
		return nil, r.Err()
	}
	slots := st.Optimizer.Slots()
	if slots == 0 || st.Step < 0 || st.Epoch < 0 || st.Batch < 0 {
		return nil, fab.Invalid("training state of optimizer %q", st.Optimizer)
	}
	st.Slots = r.Slots(slots, nParams, string(st.Optimizer))
	n := r.U64()
	if r.Err() == nil && n > uint64(r.Len())/4 {
		r.Fail(fab.ErrTruncated)
	}
	if raw := r.Take(n * 4); raw != nil {
		st.Order = make([]int32, n)
		for i := range st.Order {
			st.Order[i] = int32(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	return st, nil
}
