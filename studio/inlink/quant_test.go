package inlink

import (
	"math"
	"testing"

	"fabulist/model/nn"
)

func TestHalf(t *testing.T) {
	for _, c := range []struct {
		in   float32
		want uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{0.5, 0x3800},
		{65504, 0x7bff},                   // the largest half
		{65520, 0x7c00},                   // rounds up past it: Inf
		{1 + 1.0/2048, 0x3c00},            // halfway between 1 and the next half: to even, 1
		{1 + 3.0/2048, 0x3c02},            // halfway between two halves: to the even one
		{1 + 1.0/1024 + 1.0/4096, 0x3c01}, // below halfway: down
		{float32(math.Ldexp(1, -24)), 1},  // the smallest subnormal
		{float32(math.Ldexp(1, -25)), 0},  // halfway to it: to even, 0
		{float32(math.Ldexp(3, -26)), 1},  // past halfway: up
		{float32(math.Ldexp(1, -14)), 0x0400},
		{float32(math.Ldexp(1023, -24)), 0x03ff}, // the largest subnormal
		{float32(math.Inf(-1)), 0xfc00},
	} {
		if got := toHalf(c.in); got != c.want {
			t.Errorf("toHalf(%g) = %#04x; want %#04x", c.in, got, c.want)
		}
	}
	// Every finite half reads back as itself.
	for h := range uint32(1 << 16) {
		if h&0x7c00 == 0x7c00 {
			continue
		}
		if got := toHalf(fromHalf(uint16(h))); got != uint16(h) {
			t.Fatalf("half %#04x reads as %g and back as %#04x", h, fromHalf(uint16(h)), got)
		}
	}
}

// TestQuantisedWithinHalfAStep: each scheme gives every weight back within half of its step: for
// int8, half its row's scale; for float16, half a unit in the last place (2^-11 relative).
func TestQuantisedWithinHalfAStep(t *testing.T) {
	var p nn.Params
	a := p.Add("a", 3, 5)
	b := p.Add("b", 4)
	p.Alloc()
	for i := range p.Data {
		p.Data[i] = float32(math.Sin(float64(i)*1.7)) * float32(1+i%3) * 0.3
	}
	p.W(a)[5] = 7 // one large weight: its row's scale grows, the other rows' do not
	clear(p.W(b)[:2])
	for _, s := range Schemes {
		q, err := Quantised(s, p.Tensors, p.Data)
		if err != nil {
			t.Fatal(err)
		}
		rows(p.Tensors, func(off, n int) {
			scale := rowScale(p.Data[off : off+n])
			for i := off; i < off+n; i++ {
				var bound float64
				switch s {
				case Int8:
					bound = float64(scale)/2 + 1e-7
				case Float16:
					bound = math.Abs(float64(p.Data[i])) / 2048
				}
				if d := math.Abs(float64(q[i] - p.Data[i])); d > bound {
					t.Errorf("%s: weight %d = %g reads as %g; want within %g", s, i, p.Data[i], q[i], bound)
				}
			}
		})
	}
	if q, _ := Quantised(Int8, p.Tensors, p.Data); q[5] != 7 {
		t.Errorf("int8: a row's largest weight reads as %g; want it exactly (7)", q[5])
	}
}

func TestQuantiseRefusesWhatItCannotCarry(t *testing.T) {
	var p nn.Params
	p.Add("a", 2, 2)
	p.Alloc()
	for name, c := range map[string]struct {
		s Scheme
		v float32
	}{
		"NaN in f32":        {Float32, float32(math.NaN())},
		"Inf in i8":         {Int8, float32(math.Inf(1))},
		"past f16's range":  {Float16, 70000},
		"an unknown scheme": {"f8", 1},
	} {
		t.Run(name, func(t *testing.T) {
			p.Data[1] = c.v
			if _, err := Quantised(c.s, p.Tensors, p.Data); err == nil {
				t.Errorf("got no error; want one")
			}
		})
	}
}

// TestQuantisationErrorIsSmall bounds the quantisation error of a trained model loosely: a
// healthy int8 quantiser errs by a few thousandths here (0.003 to 0.005 on the notes' models),
// float16 by a few ten-thousandths. An int8 scale per tensor instead of per row, or rounding
// that truncates, would not fail this; a quantiser that mixed up rows or lost the sign would.
func TestQuantisationErrorIsSmall(t *testing.T) {
	text := sampleText(t)
	r := trained(t, text, tinyConfig(32), 60)
	windows := HeldOut(text, r.Net.Cfg, r.Corpus.Tok, Windows)
	if len(windows) < 50 {
		t.Fatalf("%d held-out windows; want at least 50", len(windows))
	}
	for _, c := range []struct {
		s     Scheme
		bound float64
	}{{Int8, 0.05}, {Float16, 0.005}, {Float32, 0}} {
		e, err := Error(r.Net, r.Corpus.Tok, c.s, windows)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.5f", c.s, e)
		if e > c.bound {
			t.Errorf("%s errs by %.4f; want at most %g", c.s, e, c.bound)
		}
	}
	// The measure itself can fail: a model with its weights swapped for noise errs by far more.
	noisy := r.Net.WithWeights(r.Net.P.Data)
	for i := range noisy.P.Data {
		noisy.P.Data[i] = float32(math.Sin(float64(i)))
	}
	if e, _ := Error(noisy, r.Corpus.Tok, Int8, windows); e < 1e-4 {
		t.Errorf("int8 on noise errs by %g; the measure cannot see error", e)
	}
}
