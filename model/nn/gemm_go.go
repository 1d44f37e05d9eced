package nn

// goGemm is a pure-Go kernel for js/wasm, where gonum takes its generic path on one thread and
// runs about half as fast. Measured under Node (BenchmarkGemm): a 4×4 register tile loses to
// these simpler shapes, because Go's wasm port has 16 float registers and 16 accumulators spill.
//
//	NN, TN: four rows of C at a time, each step of p adding A(i..i+3, p)·B(p, :) along a row
//	NT:     a 4×2 tile of dot products of rows of A and rows of B
//
// The reference loop they compute is
//
//	for i, j, p: C[i*n+j] += A(i,p) * B(p,j)
type goGemm struct{}

// GoKernel is the pure-Go kernel.
var GoKernel Gemm = goGemm{}

func (goGemm) Name() string { return "go" }

func (goGemm) NN(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	rowsAxpy(m, n, k, a, k, 1, b, c) // A(i,p) = a[i*k+p]
}

func (goGemm) TN(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	rowsAxpy(m, n, k, a, 1, m, b, c) // A(i,p) = a[p*m+i]
}

// rowsAxpy computes C (m,n) += A·B with A(i,p) = a[i*ai+p*ap] and B (k,n) row-major.
func rowsAxpy(m, n, k int, a []float32, ai, ap int, b, c []float32) {
	i := 0
	for ; i+4 <= m; i += 4 {
		c0 := c[i*n : i*n+n]
		c1 := c[(i+1)*n : (i+1)*n+n][:len(c0)]
		c2 := c[(i+2)*n : (i+2)*n+n][:len(c0)]
		c3 := c[(i+3)*n : (i+3)*n+n][:len(c0)]
		for p := range k {
			o := i*ai + p*ap
			x0, x1, x2, x3 := a[o], a[o+ai], a[o+2*ai], a[o+3*ai]
			br := b[p*n : p*n+n][:len(c0)]
			for j, bv := range br {
				c0[j] += x0 * bv
				c1[j] += x1 * bv
				c2[j] += x2 * bv
				c3[j] += x3 * bv
			}
		}
	}
	// Leftover rows (all of them for the matrix-vector products of generation): eight rows of B
	// per pass over a row of C, so that C is loaded and stored an eighth as often (measured under
	// Node: 3.0 GFLOP/s against 1.8 for four rows). The products are added to C one after
	// another, as the rows above add them, so that a row of C is the same whichever rows are
	// computed with it (a batch of answers encodes as each one alone does).
	for ; i < m; i++ {
		ci := c[i*n : i*n+n]
		p := 0
		for ; p+8 <= k; p += 8 {
			o := i*ai + p*ap
			x0, x1, x2, x3 := a[o], a[o+ap], a[o+2*ap], a[o+3*ap]
			x4, x5, x6, x7 := a[o+4*ap], a[o+5*ap], a[o+6*ap], a[o+7*ap]
			b0 := b[p*n : p*n+n][:len(ci)]
			b1 := b[(p+1)*n : (p+1)*n+n][:len(ci)]
			b2 := b[(p+2)*n : (p+2)*n+n][:len(ci)]
			b3 := b[(p+3)*n : (p+3)*n+n][:len(ci)]
			b4 := b[(p+4)*n : (p+4)*n+n][:len(ci)]
			b5 := b[(p+5)*n : (p+5)*n+n][:len(ci)]
			b6 := b[(p+6)*n : (p+6)*n+n][:len(ci)]
			b7 := b[(p+7)*n : (p+7)*n+n][:len(ci)]
			for j := range ci {
				ci[j] = ci[j] + x0*b0[j] + x1*b1[j] + x2*b2[j] + x3*b3[j] + x4*b4[j] + x5*b5[j] + x6*b6[j] + x7*b7[j]
			}
		}
		for ; p < k; p++ {
			x := a[i*ai+p*ap]
			for j, bv := range b[p*n : p*n+n][:len(ci)] {
				ci[j] += x * bv
			}
		}
	}
}

func (goGemm) NT(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	m4, n2 := m&^3, n&^1
	for i := 0; i < m4; i += 4 {
		a0 := a[i*k : i*k+k]
		a1 := a[(i+1)*k : (i+1)*k+k][:len(a0)]
		a2 := a[(i+2)*k : (i+2)*k+k][:len(a0)]
		a3 := a[(i+3)*k : (i+3)*k+k][:len(a0)]
		for j := 0; j < n2; j += 2 {
			b0 := b[j*k : j*k+k][:len(a0)]
			b1 := b[(j+1)*k : (j+1)*k+k][:len(a0)]
			var c00, c01, c10, c11, c20, c21, c30, c31 float32
			for p, x0 := range a0 {
				y0, y1 := b0[p], b1[p]
				x1, x2, x3 := a1[p], a2[p], a3[p]
				c00 += x0 * y0
				c01 += x0 * y1
				c10 += x1 * y0
				c11 += x1 * y1
				c20 += x2 * y0
				c21 += x2 * y1
				c30 += x3 * y0
				c31 += x3 * y1
			}
			c[i*n+j] += c00
			c[i*n+j+1] += c01
			c[(i+1)*n+j] += c10
			c[(i+1)*n+j+1] += c11
			c[(i+2)*n+j] += c20
			c[(i+2)*n+j+1] += c21
			c[(i+3)*n+j] += c30
			c[(i+3)*n+j+1] += c31
		}
	}
	// Tails: rows below m4 for every column, and the last column of the tiled rows when n is odd.
	dots := func(i0, i1, j0, j1 int) {
		for i := i0; i < i1; i++ {
			ai := a[i*k : i*k+k]
			for j := j0; j < j1; j++ {
				var s float32
				for p, x := range b[j*k : j*k+k][:len(ai)] {
					s += ai[p] * x
				}
				c[i*n+j] += s
			}
		}
	}
	dots(m4, m, 0, n)
	dots(0, m4, n2, n)
}
