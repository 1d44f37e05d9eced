package lm

import (
	"encoding/json"
	"strings"

	"fabulist/model/fab"
)

// TF.js export: a layers model (model.json + one weight shard) that @tensorflow/tfjs 4.22's
// tf.loadLayersModel reads, and that gives the engine's next-token probabilities. The layers are
// Sequential: Embedding → LSTM, GRU or SimpleRNN × L (all but the last return sequences) →
// Dropout → Dense(softmax). Weight names follow TF.js's own (layer/kernel, not Keras'
// layer/lstm_cell/kernel), since the loader matches weights by name. TF.js's LSTM and GRU default
// to hard_sigmoid, so the recurrent activation is written out. The GRU is reset_after=False, the
// only form TF.js has, and the one the engine's text generator trains (CellGRU). The input takes windows of any length, as the book's
// Input(shape=(None,)) does: a prompt shorter than seq_length is fed as it is (Generator.Window),
// and padding it would change the probabilities.

// TFJSShard is the file name of the weights, as model.json lists it.
const TFJSShard = "group1-shard1of1.bin"

// TFJSModel is the exported model: files to write into one folder.
type TFJSModel struct {
	ModelJSON []byte // model.json
	Weights   []byte // TFJSShard: little-endian float32, in the manifest's order
	VocabJSON []byte // vocab.json: {"level", "cleaning", "split", "seq_length", "separator", "index_word": [...], "note"}
}

type tfjsLayer struct {
	ClassName string         `json:"class_name"`
	Config    map[string]any `json:"config"`
}

type tfjsWeight struct {
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
	Dtype string `json:"dtype"`
}

// ExportTFJS converts m to a TF.js layers model.
func ExportTFJS(m *Model) (*TFJSModel, error) {
	n := m.Net
	cfg := n.Cfg
	layers := []tfjsLayer{{"Embedding", map[string]any{
		"name": "embedding", "trainable": true, "dtype": "float32",
		"batch_input_shape": []any{nil, nil}, "input_dim": n.V, "output_dim": cfg.Embed, "mask_zero": false,
	}}}
	var names []string // TF.js weight name of each Params tensor, in order
	names = append(names, "embedding/embeddings")
	class, _ := cfg.Cell.keras()
	for l := range n.rnns {
		name := cfg.Cell.layerName(l)
		conf := map[string]any{
			"name": name, "trainable": true, "dtype": "float32", "units": cfg.Units,
			"activation": "tanh", "use_bias": true, "dropout": 0, "recurrent_dropout": 0,
			"return_sequences": l < len(n.rnns)-1, "return_state": false, "go_backwards": false,
			"stateful": false, "unroll": false,
		}
		switch cfg.Cell {
		case CellLSTM:
			conf["recurrent_activation"], conf["unit_forget_bias"], conf["implementation"] = "sigmoid", true, 2
		case CellGRU:
			conf["recurrent_activation"], conf["reset_after"], conf["implementation"] = "sigmoid", false, 2
		}
		layers = append(layers, tfjsLayer{class, conf})
		names = append(names, name+"/kernel", name+"/recurrent_kernel", name+"/bias")
	}
	layers = append(layers,
		tfjsLayer{"Dropout", map[string]any{"name": "dropout", "trainable": true, "dtype": "float32", "rate": cfg.Dropout}},
		tfjsLayer{"Dense", map[string]any{"name": "dense", "trainable": true, "dtype": "float32",
			"units": n.V, "activation": "softmax", "use_bias": true}})
	names = append(names, "dense/kernel", "dense/bias")
	if len(names) != len(n.P.Tensors) {
		panic("lm: TF.js export lists the wrong number of weights") // layout and export disagree
	}
	var manifest []tfjsWeight
	for i, t := range n.P.Tensors {
		manifest = append(manifest, tfjsWeight{Name: names[i], Shape: t.Shape, Dtype: "float32"})
	}
	modelJSON, err := json.MarshalIndent(map[string]any{
		"format": "layers-model", "generatedBy": "fabulist", "convertedBy": nil,
		"modelTopology": map[string]any{
			"class_name": "Sequential",
			"config":     map[string]any{"name": "fabulist", "layers": layers},
		},
		"weightsManifest": []any{map[string]any{"paths": []string{TFJSShard}, "weights": manifest}},
	}, "", " ")
	if err != nil {
		return nil, err
	}
	// Params.Data is every tensor in manifest order, row-major as TF.js expects.
	weights := fab.AppendFloats(nil, n.P.Data)[8:] // without the count prefix
	vocab, err := json.Marshal(map[string]any{
		"level": m.Tok.Level, "cleaning": cfg.Cleaning, "split": m.Tok.Split, "seq_length": cfg.SeqLen,
		"separator": Separator, "index_word": m.Tok.Words,
		"note": strings.TrimSpace("index_word[id] is the token of id; id 0 is reserved. The text is lower-cased as " +
			"Python's str.lower() does; split \"space\" cuts words on ' ' alone (Keras), split \"white\" on any white " +
			"space, as Python's str.split() does, with each line break a token \"\\n\". Feed the last seq_length ids " +
			"(or all of them, when there are fewer) of the separators-then-prompt sequence, as fabulist predict does."),
	})
	if err != nil {
		return nil, err
	}
	return &TFJSModel{ModelJSON: modelJSON, Weights: weights, VocabJSON: vocab}, nil
}
