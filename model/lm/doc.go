// Package lm is Fabulist's text generator: the language model of Generative Deep Learning
// (D. Foster), chapter 6, built from the layers of model/nn, in pure Go so that it tests natively
// and compiles unchanged to WebAssembly.
//
// The pipeline is Normalize → Clean → Tokenizer → windows (Dataset) → Net: Embedding → LSTM… (or
// GRU… or SimpleRNN…, as Config.Cell says) → Dropout → Dense → softmax cross-entropy, trained by a Trainer with RMSprop or Adam one batch at
// a time, and written with by a Generator that samples with temperature, top-k and top-p. A Model
// is a Net with its tokenizer, history and training state; Encode and Decode move it in and out of
// a model file (model/fab) of kind fab.TextGenerator; ExportTFJS writes it for TensorFlow.js.
// A Run puts the corpus, the Net, the Trainer and the epoch samples' Generator together: NewRun
// and ResumeRun are how the command line, the studio's worker and the benchmarks all start and
// resume training, so that a run continues bit for bit wherever it was saved.
//
// Dimension letters in shape comments are model/nn's: B batch, T time (seq_length), E embedding,
// H hidden units, V vocabulary, I layer input (E or H), R rows reaching the dense layer.
//
// Errors about what a user gave (a text too short, settings that do not fit a saved run, a model
// file that does not decode, a run that diverged) are sentences for that user, without a package
// prefix, as Config.Validate's are: the page and the command line show them as they are. Errors
// only a bug can cause keep the "lm: " prefix.
//
// The package deliberately knows nothing about browsers, workers or files on disk: callers drive
// a Run step by step and move bytes in and out with Encode and Decode.
package lm
