package qa

import (
	"encoding/json"
	"slices"

	"fabulist/model/fab"
	"fabulist/model/nn"
)

// A question model's file is a fab container of kind fab.QuestionGenerator. Its sections:
//
//	CONF  JSON {"config": Config}
//	TOKN  the vocabulary from id 4 (fab.AppendWords): ids 0–3 are always the reserved words
//	WGHT  uint64 count, then count × float32: the network's Params().Data in layout order
//	TRNS  optional: uint32 length and a JSON TrainState header, uint32 slot count, then each
//	      slot as WGHT is stored
//	HIST  JSON History
//
// Readers skip tags they do not know.

// MaxFileBytes bounds the question model files a reader takes: 1 GiB. The largest network the
// limits allow is MaxParams float32 weights (256 MiB), 768 MiB with Adam's two slots; the
// vocabulary and the history take the rest.
const MaxFileBytes = 1 << 30

// Model is a question network with everything that travels with it in a file.
type Model struct {
	Config  Config
	Net     Network // *Net or *BookNet, as Config.Arch says
	Vocab   *Vocab
	History History
	Train   *TrainState // nil when the file carries no optimizer state
}

// History is the losses of each epoch trained, in nats/token.
type History struct {
	Train []Losses `json:"train"`
	Val   []Losses `json:"val,omitempty"`
}

// TrainState is what a trainer needs to continue where it stopped.
type TrainState struct {
	Optimizer nn.OptimizerName `json:"optimizer"`
	Step      int64            `json:"step"`
	Epoch     int              `json:"epoch"`           // 0-based epoch in progress
	Batch     int              `json:"batch,omitempty"` // its next batch
	Slots     [][]float32      `json:"-"`
}

type fileConf struct {
	Config Config `json:"config"`
}

// Encode writes m as a question model file.
func Encode(m *Model) ([]byte, error) {
	conf, err := json.Marshal(fileConf{Config: m.Config})
	if err != nil {
		return nil, err
	}
	hist, err := json.Marshal(m.History)
	if err != nil {
		return nil, err
	}
	var head []byte
	if m.Train != nil {
		if head, err = json.Marshal(m.Train); err != nil {
			return nil, err
		}
	}
	p := fab.NewPlan(fab.QuestionGenerator)
	p.Section("CONF", fab.Raw(conf))
	p.Section("TOKN", fab.Words(m.Vocab.Words[len(reserved):]))
	p.Section("WGHT", fab.Floats(m.Net.Params().Data))
	if st := m.Train; st != nil {
		p.Section("TRNS", fab.Blob(head), fab.Slots(st.Slots))
	}
	p.Section("HIST", fab.Raw(hist))
	return p.Bytes(), nil
}

// Decode reads a question model file. It never panics on bad input: truncated, corrupted,
// foreign and absurd files, and files of another kind of model, give errors wrapping
// fab.ErrTruncated, fab.ErrChecksum, fab.ErrNotModel, fab.ErrVersion, fab.ErrInvalid and
// fab.ErrKind.
func Decode(data []byte) (*Model, error) {
	sec, err := fab.Open(data, fab.QuestionGenerator, "CONF", "TOKN", "WGHT")
	if err != nil {
		return nil, err
	}
	var fc fileConf
	if err := json.Unmarshal(sec["CONF"], &fc); err != nil {
		return nil, fab.Invalid("configuration: %v", err)
	}
	cfg := fc.Config
	if err := cfg.Validate(); err != nil {
		return nil, fab.Invalid("configuration: %v", err)
	}
	n := cfg.params()
	if n > len(sec["WGHT"])/4 {
		return nil, fab.Invalid("%d parameters do not fit the file", n)
	}
	r := fab.NewReader(sec["TOKN"])
	words := r.Words(cfg.V - len(reserved))
	if r.Err() != nil {
		return nil, r.Err()
	}
	if i := slices.IndexFunc(words, func(w string) bool { return slices.Contains(reserved, w) }); i >= 0 {
		return nil, fab.Invalid("the vocabulary holds %q twice", words[i])
	}
	net := layoutNetwork(cfg)
	r = fab.NewReader(sec["WGHT"])
	copy(net.Params().Data, r.FiniteFloats(n, "the weights"))
	if r.Err() != nil {
		return nil, r.Err()
	}
	m := &Model{Config: cfg, Net: net, Vocab: NewVocab(append(slices.Clone(reserved), words...))}
	if b := sec["HIST"]; b != nil {
		if err := json.Unmarshal(b, &m.History); err != nil {
			return nil, fab.Invalid("history: %v", err)
		}
	}
	if b := sec["TRNS"]; b != nil {
		if m.Train, err = decodeTrainState(b, n); err != nil {
			return nil, err
		}
	}
	return m, nil
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
	if r.Err() != nil {
		return nil, r.Err()
	}
	return st, nil
}
