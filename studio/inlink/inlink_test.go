package inlink

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
)

// seal makes a link of any body, with a correct hash: what a crafted link can be.
func seal(version string, body []byte) string {
	sum := sha256.Sum256(body)
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(body)
	w.Write(sum[:8])
	w.Close()
	return Prefix + version + "." + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// body makes a link's body of a header and weights.
func body(h Header, weights []byte) []byte {
	js, _ := json.Marshal(h)
	b := binary.AppendUvarint(nil, uint64(len(js)))
	return append(append(b, js...), weights...)
}

func tinyLink(t *testing.T) (*lm.Run, Link) {
	r := trained(t, sampleText(t), tinyConfig(16), 5)
	return r, Link{Gen: lm.DefaultGenOptions(), GenSeed: 9, Prompt: "the fox"}
}

func TestRoundTrip(t *testing.T) {
	r, l := tinyLink(t)
	for _, s := range Schemes {
		t.Run(string(s), func(t *testing.T) {
			frag, err := Encode(r.Net, r.Corpus.Tok, s, l)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(frag, "#m=1.") || !Is(frag) {
				t.Errorf("fragment %.12q…; want #m=1.…", frag)
			}
			got, err := Decode(frag)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := Quantised(s, r.Net.P.Tensors, r.Net.P.Data)
			if !slices.Equal(got.Model.Net.P.Data, want) {
				t.Error("the link's weights are not the quantised weights")
			}
			if s == Float32 && !slices.Equal(got.Model.Net.P.Data, r.Net.P.Data) {
				t.Error("a float32 link changed the weights")
			}
			if got.Model.Net.Cfg != r.Net.Cfg || !slices.Equal(got.Model.Tok.Words, r.Corpus.Tok.Words) ||
				got.Model.Tok.Split != r.Corpus.Tok.Split || got.Scheme != s ||
				got.Gen != l.Gen || got.GenSeed != l.GenSeed || got.Prompt != l.Prompt {
				t.Errorf("decoded %+v; want the sender's settings, vocabulary and generation", got)
			}
			if _, err := Decode(strings.TrimPrefix(frag, "#")); err != nil {
				t.Errorf("without its '#': %v", err)
			}
		})
	}
}

func TestKoreanVocabulary(t *testing.T) {
	b, err := samplesKo()
	if err != nil {
		t.Fatal(err)
	}
	r := trained(t, b, tinyConfig(16), 2)
	frag, err := Encode(r.Net, r.Corpus.Tok, Int8, Link{Gen: lm.DefaultGenOptions(), GenSeed: 1, Prompt: "토끼와 🐢"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(frag)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Model.Tok.Words, r.Corpus.Tok.Words) || got.Prompt != "토끼와 🐢" {
		t.Errorf("vocabulary %q, prompt %q; want %q and the prompt", got.Model.Tok.Words, got.Prompt, r.Corpus.Tok.Words)
	}
}

// TestDecodeRefuses: what is not a link Encode made is refused with the error that says why,
// and a crafted link with a correct hash is checked as closely as a broken one.
func TestDecodeRefuses(t *testing.T) {
	r, l := tinyLink(t)
	good, err := Encode(r.Net, r.Corpus.Tok, Int8, l)
	if err != nil {
		t.Fatal(err)
	}
	cfg := r.Net.Cfg
	h := Header{Config: cfg, Split: r.Corpus.Tok.Split, Vocab: r.Corpus.Tok.Words[1:], Scheme: Int8, Gen: l.Gen, GenSeed: 1}
	w, _ := quantise(nil, Int8, r.Net.P.Tensors, r.Net.P.Data)
	with := func(f func(*Header)) string {
		h := h
		f(&h)
		return seal("1", body(h, w))
	}
	huge := cfg
	huge.Units, huge.Layers = lm.MaxUnits, lm.MaxLayers
	badCfg := cfg
	badCfg.SeqLen = -1
	nanW := slices.Clone(w)
	binary.LittleEndian.PutUint32(nanW, 0x7fc00000) // the first row's scale: NaN
	zeros := seal("1", make([]byte, maxBody+100))
	for _, c := range []struct {
		name, frag string
		want       error
	}{
		{"a share link", "#s=1.abc", ErrNotModel},
		{"empty", "", ErrNotModel},
		{"no version", "#m=abc", ErrBroken},
		{"newer", strings.Replace(good, "#m=1.", "#m=2.", 1), ErrVersion},
		{"not base64", "#m=1.%%%", ErrBroken},
		{"cut", good[:len(good)-10], ErrBroken},
		{"edited", good[:len(good)-3] + "AAA", ErrBroken},
		{"too long", "#m=1." + strings.Repeat("A", MaxFragment), ErrTooLong},
		{"inflates past its bound", zeros, ErrBroken},
		{"a header past the body", seal("1", binary.AppendUvarint(nil, 1000)), ErrBroken},
		{"a header that is not JSON", seal("1", append(binary.AppendUvarint(nil, 3), "{x}"...)), ErrBroken},
		{"an unknown field", seal("1", append(binary.AppendUvarint(nil, 12), `{"extra":1}`+" "...)), ErrBroken},
		{"settings out of range", with(func(h *Header) { h.Config = badCfg }), ErrBroken},
		{"a network larger than its weights", with(func(h *Header) { h.Config = huge }), ErrBroken},
		{"no vocabulary", with(func(h *Header) { h.Vocab = nil }), ErrBroken},
		{"a repeated token", with(func(h *Header) { h.Vocab = append([]string{"a"}, h.Vocab[:len(h.Vocab)-1]...) }), ErrBroken},
		{"an unknown scheme", with(func(h *Header) { h.Scheme = "f8" }), ErrBroken},
		{"f16 for int8 weights", with(func(h *Header) { h.Scheme = Float16 }), ErrBroken},
		{"a bad generation", with(func(h *Header) { h.Gen.N = -5 }), ErrBroken},
		{"a weight short", seal("1", body(h, w[:len(w)-1])), ErrBroken},
		{"a weight over", seal("1", body(h, append(slices.Clone(w), 0))), ErrBroken},
		{"a NaN scale", seal("1", body(h, nanW)), ErrBroken},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decode(c.frag)
			if !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
			if got.Model != nil {
				t.Error("a refused link returned a model")
			}
			if Reason(err) == "" || strings.HasPrefix(Reason(err), "inlink:") {
				t.Errorf("Reason %q; want the user's words", Reason(err))
			}
		})
	}
	// The crafted link with nothing wrong opens: the cases above fail for what they change.
	if _, err := Decode(with(func(*Header) {})); err != nil {
		t.Errorf("the crafted link unchanged: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	r := trained(f, sampleText(f), tinyConfig(4), 1)
	for _, s := range Schemes {
		frag, err := Encode(r.Net, r.Corpus.Tok, s, Link{Gen: lm.DefaultGenOptions(), GenSeed: 3})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(frag)
	}
	f.Add("#m=1.")
	f.Add("#m=1.AAAA")
	f.Fuzz(func(t *testing.T, frag string) {
		l, err := Decode(frag)
		if err != nil {
			if l.Model != nil {
				t.Error("a refused link returned a model")
			}
			return
		}
		// What decodes encodes again to a link that decodes to the same model.
		again, err := Encode(l.Model.Net, l.Model.Tok, l.Scheme, l)
		if err != nil {
			t.Fatalf("a decoded link does not encode: %v", err)
		}
		back, err := Decode(again)
		if err != nil {
			t.Fatalf("a re-encoded link does not decode: %v", err)
		}
		if !slices.Equal(back.Model.Net.P.Data, l.Model.Net.P.Data) {
			t.Error("a re-encoded link's weights differ")
		}
	})
}

// TestCraftedLinkCostsLittle: a link whose header names a huge network, with a correct hash, is
// refused before the network is allocated (67M weights, 268 MB; within MaxParams): decoding it allocates what the
// link inflates to, a few megabytes at most.
func TestCraftedLinkCostsLittle(t *testing.T) {
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Layers, cfg.Embed = lm.MaxUnits, 2, lm.MaxEmbed
	h := Header{Config: cfg, Split: lm.SplitSpace, Vocab: []string{"a", "b"}, Scheme: Int8, Gen: lm.DefaultGenOptions()}
	frag := seal("1", body(h, make([]byte, maxBody-1000)))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode(frag)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrBroken) {
		t.Errorf("got %v; want ErrBroken", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("decoding a crafted link allocated %d MB; want at most 16", n>>20)
	}
}
