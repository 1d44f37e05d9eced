// Package nn is the reusable part of Fabulist's engine: the pieces a model is built from, in pure
// Go so that they test natively and compile unchanged to WebAssembly. Fabulist's models (the text
// generator in model/lm) are made of them; nn knows nothing of texts, tokens or files.
//
// It holds the flat parameters and their views (Params, Tensor) with Keras' initialisers; the two
// kernel interfaces every product and every elementwise pass goes through (Gemm, Vector), with
// their pure-Go implementations (model/nn/simd has the browser's WebAssembly SIMD ones); the
// layers, each with its forward and backward side by side (Embedding, LSTM, and SimpleRNN and GRU
// with masks and a Bidirectional wrapper, additive Attention, Dense, dropout, softmax and its
// cross-entropy, and the pointer-generator's copy loss); the optimizers (RMSprop, Adam) and
// gradient clipping; data parallelism over replicas (Helpers, ParallelGradient); and GradCheck,
// the finite-difference check every layer is tested with.
//
// Dimension letters used in shape comments throughout:
//
//	B batch, T time (steps), R rows (B, or T·B), I layer input, H hidden units, V vocabulary,
//	E embedding
//
// Layouts are time-major: a (T, B, X) tensor is a flat []float32 whose row t*B+b holds sequence b
// at time t, so the rows of one time step are contiguous and feed one GEMM.
//
// Every parameter lives in one flat []float32 (Params.Data) and every gradient in one more
// (Params.Grad); layers hold views into them. Backward passes add into gradients; zeroing is a
// separate step.
//
// Shapes that do not fit their slices are programmer errors and panic with an "nn: " message.
package nn
