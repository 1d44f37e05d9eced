package proto

import (
	"strings"
	"testing"

	"fabulist/model/lm"
)

func TestRoundTripAndVersion(t *testing.T) {
	cfg := lm.QuickConfig()
	in := Message{Kind: Train, Seq: 3, Text: "토끼 🐢 \"quoted\"", Config: &cfg}
	out, err := Decode(Encode(in))
	if err != nil || out.Kind != Train || out.Seq != 3 || out.Text != in.Text || *out.Config != cfg || out.V != Version {
		t.Fatalf("round trip: got %+v, %v", out, err)
	}
	if _, err := Decode(`{"v":99,"kind":"train"}`); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("another version: got %v", err)
	}
	if _, err := Decode(`{not json`); err == nil {
		t.Error("garbage decoded")
	}
}
