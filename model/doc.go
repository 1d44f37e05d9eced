// Package model is Fabulist's engine: the text generator of Generative Deep Learning (D. Foster),
// chapter 6, in pure Go so that it tests natively and compiles unchanged to WebAssembly.
//
// The pipeline is clean → tokenize → windows → Embedding → LSTM… → Dropout → Dense → softmax
// cross-entropy, trained with RMSprop or Adam, and sampled with temperature, top-k and top-p.
//
// Dimension letters used in shape comments throughout:
//
//	B batch, T time (seq_length), E embedding, H hidden units, V vocabulary, I layer input (E or H)
//
// Layouts are time-major: a (T, B, X) tensor is a flat []float32 whose row t*B+b holds sequence b at
// time t, so the rows of one time step are contiguous and feed one GEMM.
//
// Every parameter lives in one flat []float32 (Params.Data) and every gradient in one more
// (Params.Grad); layers hold views into them. Backward passes add into gradients; zeroing is a
// separate step.
//
// The package deliberately knows nothing about browsers, workers or files on disk: callers drive
// the Trainer step by step and move bytes in and out with Encode and Decode.
package model
