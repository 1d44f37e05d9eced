package inlink

import (
	"encoding/binary"
	"fmt"
	"math"

	"fabulist/model/nn"
)

// Scheme is how a link stores its weights.
type Scheme string

// The schemes, smallest link first.
const (
	// Int8 stores each row of each weight tensor (a tensor's first axis; a vector is one row) as
	// signed bytes q with one float32 scale s = max|w|/127, read back as float32(q)·s.
	Int8 Scheme = "i8"
	// Float16 stores each weight as an IEEE 754 half, rounded to nearest, ties to even.
	Float16 Scheme = "f16"
	// Float32 stores the weights as they are: the receiver's model is the sender's, bit for bit.
	Float32 Scheme = "f32"
)

// Schemes lists every scheme, smallest link first.
var Schemes = []Scheme{Int8, Float16, Float32}

// rows returns the rows of a tensor as (offset, length) pairs within Params.Data: its first
// axis's slices, or the whole of a vector.
func rows(ts []nn.Tensor, f func(off, n int)) {
	for _, t := range ts {
		size := t.Size()
		if len(t.Shape) < 2 || t.Shape[0] == 0 {
			f(t.Off, size)
			continue
		}
		n := size / t.Shape[0]
		for r := range t.Shape[0] {
			f(t.Off+r*n, n)
		}
	}
}

// rowCount is how many rows (and so int8 scales) a layout has.
func rowCount(ts []nn.Tensor) int {
	n := 0
	rows(ts, func(int, int) { n++ })
	return n
}

// weightBytes is the size of the weights of a layout of n parameters stored in s.
func weightBytes(s Scheme, ts []nn.Tensor, n int) int {
	switch s {
	case Int8:
		return 4*rowCount(ts) + n
	case Float16:
		return 2 * n
	}
	return 4 * n
}

// quantise appends w, laid out as ts says, in scheme s. It fails for a weight that is not
// finite, or past float16's range (65,504) in Float16: the link could not carry it.
func quantise(out []byte, s Scheme, ts []nn.Tensor, w []float32) ([]byte, error) {
	for i, v := range w {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("inlink: weight %d is %v", i, v)
		}
	}
	switch s {
	case Float32:
		for _, v := range w {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		}
	case Float16:
		for i, v := range w {
			h := toHalf(v)
			if h&0x7c00 == 0x7c00 {
				return nil, fmt.Errorf("inlink: weight %d (%v) is past float16's range", i, v)
			}
			out = binary.LittleEndian.AppendUint16(out, h)
		}
	case Int8:
		// The scales first, then the bytes: deflate finds more to share in a run of bytes alone.
		var qs []byte
		rows(ts, func(off, n int) {
			row := w[off : off+n]
			s := rowScale(row)
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(s))
			for _, v := range row {
				qs = append(qs, byte(quantInt8(v, s)))
			}
		})
		out = append(out, qs...)
	default:
		return nil, fmt.Errorf("inlink: unknown scheme %q", s)
	}
	return out, nil
}

// dequantise reads the weights quantise wrote into w, refusing values that are not finite.
// b must be exactly weightBytes(s, ts, len(w)) long.
func dequantise(b []byte, s Scheme, ts []nn.Tensor, w []float32) error {
	switch s {
	case Float32:
		for i := range w {
			w[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
	case Float16:
		for i := range w {
			w[i] = fromHalf(binary.LittleEndian.Uint16(b[2*i:]))
		}
	case Int8:
		qs := b[4*rowCount(ts):]
		r := 0
		rows(ts, func(off, n int) {
			s := math.Float32frombits(binary.LittleEndian.Uint32(b[4*r:]))
			r++
			for j := range n {
				w[off+j] = float32(int8(qs[off+j])) * s
			}
		})
	default:
		return fmt.Errorf("unknown scheme %q", s)
	}
	for i, v := range w {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("weight %d is %v", i, v)
		}
	}
	return nil
}

// Quantised returns w as a link of scheme s carries it to the receiver: the weights its model
// writes with. It fails as quantise does.
func Quantised(s Scheme, ts []nn.Tensor, w []float32) ([]float32, error) {
	b, err := quantise(nil, s, ts, w)
	if err != nil {
		return nil, err
	}
	out := make([]float32, len(w))
	if err := dequantise(b, s, ts, out); err != nil {
		return nil, fmt.Errorf("inlink: %v", err)
	}
	return out, nil
}

// rowScale is the int8 scale of a row: its largest magnitude over 127 (0 for a row of zeros).
func rowScale(row []float32) float32 {
	var m float32
	for _, v := range row {
		m = max(m, float32(math.Abs(float64(v))))
	}
	return m / 127
}

// quantInt8 is v in steps of s, rounded to nearest (half away from zero) and kept in ±127.
func quantInt8(v, s float32) int8 {
	if s == 0 {
		return 0
	}
	q := math.Round(float64(v / s))
	return int8(max(-127, min(127, q)))
}

// toHalf rounds f to the nearest IEEE 754 half (ties to even); past the range it is ±Inf.
func toHalf(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case b&0x7fffffff == 0:
		return sign
	case b>>23&0xff == 0xff: // Inf or NaN
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	case exp >= 31:
		return sign | 0x7c00
	case exp <= 0: // a subnormal half, or zero
		if exp < -10 {
			return sign
		}
		m := mant | 0x800000
		shift := uint32(14 - exp)
		h := m >> shift
		rem := m & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rem > half || rem == half && h&1 == 1 {
			h++
		}
		return sign | uint16(h)
	}
	h := uint32(exp)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || rem == 0x1000 && h&1 == 1 {
		h++ // may carry into the exponent, and up to Inf: both are right
	}
	return sign | uint16(h)
}

// fromHalf is the float32 of an IEEE 754 half (exactly: every half is a float32).
func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h >> 10 & 0x1f)
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0:
		if mant == 0 {
			return math.Float32frombits(sign)
		}
		// Subnormal: mant·2^-24.
		v := float32(mant) * (1.0 / (1 << 24))
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}
