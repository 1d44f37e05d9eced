package nn

// GRU with reset_after=False (Keras' GRUCell, TF.js's GRUCell): the reset gate multiplies h₋
// before the candidate's part of U, so each step needs two recurrent products, h₋·U_zr for the
// update and reset gates and (r⊙h₋)·U_h for the candidate. Gemm takes dense matrices only, so
// Forward copies U's two column blocks into dense ones (3H² floats, once a pass) and Backward
// adds their gradients back into U's columns.

// gruBefore holds reset_after=False's buffers of a GRUCache.
type gruBefore struct {
	uzr, uh   []float32 // (H, 2H), (H, H): U's columns of z and r, and of the candidate
	duzr, duh []float32 // their gradients, before they are added into U's
	rh        []float32 // (T·B, H) r⊙h₋ of every step: the candidate's product reads it
	drh       []float32 // (B, H) gradient of one step's r⊙h₋
}

func (c *GRUCache) resetBefore() *gruBefore {
	if c.before == nil {
		H := c.H
		c.before = &gruBefore{
			uzr: make([]float32, H*2*H), uh: make([]float32, H*H),
			duzr: make([]float32, H*2*H), duh: make([]float32, H*H),
			rh: make([]float32, c.T*c.B*H), drh: make([]float32, c.B*H),
		}
	}
	return c.before
}

// forwardBefore is Forward for reset_after=False. In the cache, a holds x·W + b and then the
// activated z, r, g; s holds h₋·U_zr (T·B, 2H) in its first 2/3 and (r⊙h₋)·U_h (T·B, H) after.
func (l *GRU) forwardBefore(c *GRUCache, x, h0 []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	G := 3 * H
	bb := c.resetBefore()
	w, u, bias := l.P.W(l.Kernel), l.P.W(l.Recurrent), l.P.W(l.Bias)
	for k := range H {
		copy(bb.uzr[k*2*H:(k+1)*2*H], u[k*G:k*G+2*H])
		copy(bb.uh[k*H:(k+1)*H], u[k*G+2*H:(k+1)*G])
	}
	for r := range T * B {
		copy(c.a[r*G:(r+1)*G], bias)
	}
	mm.NN(T*B, G, I, x, w, c.a)
	if h0 == nil {
		clear(c.h[:B*H])
	} else {
		copy(c.h[:B*H], h0[:B*H])
	}
	szr, sh := c.s[:T*B*2*H], c.s[T*B*2*H:T*B*G]
	for t := range T {
		hp := c.h[t*B*H : (t+1)*B*H]
		szrt, sht, rht := szr[t*B*2*H:(t+1)*B*2*H], sh[t*B*H:(t+1)*B*H], bb.rh[t*B*H:(t+1)*B*H]
		clear(szrt)
		mm.NN(B, 2*H, H, hp, bb.uzr, szrt)
		for b := range B {
			r := t*B + b
			rhb := rht[b*H : (b+1)*H]
			if !c.real(r) {
				clear(rhb)
				continue
			}
			ar, sb, hb := c.a[r*G:(r+1)*G], szrt[b*2*H:(b+1)*2*H], hp[b*H:(b+1)*H]
			for j := range H {
				z, rg := sigmoid(ar[j]+sb[j]), sigmoid(ar[H+j]+sb[H+j])
				ar[j], ar[H+j] = z, rg
				rhb[j] = rg * hb[j]
			}
		}
		clear(sht)
		mm.NN(B, H, H, rht, bb.uh, sht)
		for b := range B {
			r := t*B + b
			hpb, hn, o := hp[b*H:(b+1)*H], c.h[(r+B)*H:(r+B+1)*H], c.out[r*H:(r+1)*H]
			if !c.real(r) {
				copy(hn, hpb)
				clear(o)
				continue
			}
			ar, shb := c.a[r*G:(r+1)*G], sht[b*H:(b+1)*H]
			for j := range H {
				z := ar[j]
				g := tanh(ar[2*H+j] + shb[j])
				ar[2*H+j] = g
				hn[j] = z*hpb[j] + (1-z)*g
			}
			copy(o, hn)
		}
	}
}

// backwardBefore is Backward for reset_after=False, from c.dh holding the final state's gradient.
// ds holds the gradient of h₋·U_zr (T·B, 2H) in its first 2/3 and that of the candidate's
// pre-activation (T·B, H) after; da that of x·W + b.
func (l *GRU) backwardBefore(dx []float32, c *GRUCache, dOut, x []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	G := 3 * H
	bb := c.before
	w := l.P.W(l.Kernel)
	dszr, dg := c.ds[:T*B*2*H], c.ds[T*B*2*H:T*B*G]
	for t := T - 1; t >= 0; t-- {
		dszrt, dgt := dszr[t*B*2*H:(t+1)*B*2*H], dg[t*B*H:(t+1)*B*H]
		for b := range B {
			r := t*B + b
			da, dh := c.da[r*G:(r+1)*G], c.dh[b*H:(b+1)*H]
			dgb, dszrb := dgt[b*H:(b+1)*H], dszrt[b*2*H:(b+1)*2*H]
			if !c.real(r) {
				clear(da)
				clear(dgb)
				clear(dszrb)
				if l.fault == gruFaultMask {
					clear(dh)
				}
				continue // dh passes to the step before unchanged
			}
			gates, hp, do := c.a[r*G:(r+1)*G], c.h[r*H:(r+1)*H], dOut[r*H:(r+1)*H]
			for j := range H {
				z, g := gates[j], gates[2*H+j]
				d := do[j] + dh[j]
				if l.fault == gruFaultRecurrent {
					d = do[j]
				}
				dz := d * (hp[j] - g) * z * (1 - z)
				dgj := d * (1 - z) * (1 - g*g)
				switch l.fault {
				case gruFaultGateZ:
					dz = d * (hp[j] - g) * z
				case gruFaultCandidate:
					dgj = d * (1 - z)
				}
				da[j], da[2*H+j], dgb[j], dszrb[j] = dz, dgj, dgj, dz
				dh[j] = d * z // the direct path h₋ → h; those through U are added below
			}
		}
		// The candidate's product: d(r⊙h₋) = dg·U_hᵀ, which reaches r and h₋.
		clear(bb.drh)
		mm.NT(B, H, H, dgt, bb.uh, bb.drh)
		for b := range B {
			r := t*B + b
			if !c.real(r) {
				continue
			}
			da, dh, drh := c.da[r*G:(r+1)*G], c.dh[b*H:(b+1)*H], bb.drh[b*H:(b+1)*H]
			gates, hp, dszrb := c.a[r*G:(r+1)*G], c.h[r*H:(r+1)*H], dszrt[b*2*H:(b+1)*2*H]
			for j := range H {
				rg := gates[H+j]
				dr := drh[j] * hp[j] * rg * (1 - rg)
				if l.fault == gruFaultGateR {
					dr = drh[j] * hp[j] * rg
				}
				da[H+j], dszrb[H+j] = dr, dr
				if l.fault == gruFaultResetBefore {
					dh[j] += drh[j]
				} else {
					dh[j] += drh[j] * rg
				}
			}
		}
		mm.NT(B, H, 2*H, dszrt, bb.uzr, c.dh) // dh₋ += dszr·U_zrᵀ: (B, 2H)·(2H, H)
	}
	dbias := l.P.G(l.Bias)
	for r := range T * B {
		for j := range G {
			dbias[j] += c.da[r*G+j]
		}
	}
	clear(bb.duzr)
	clear(bb.duh)
	mm.TN(H, 2*H, T*B, c.h[:T*B*H], dszr, bb.duzr) // dU_zr = h₋ᵀ·dszr
	mm.TN(H, H, T*B, bb.rh, dg, bb.duh)            // dU_h = (r⊙h₋)ᵀ·dg
	du := l.P.G(l.Recurrent)
	for k := range H {
		GoVector.Add(du[k*G:k*G+2*H], bb.duzr[k*2*H:(k+1)*2*H])
		GoVector.Add(du[k*G+2*H:(k+1)*G], bb.duh[k*H:(k+1)*H])
	}
	mm.TN(I, G, T*B, x, c.da, l.P.G(l.Kernel)) // dW += xᵀ·da
	if dx != nil {
		clear(dx[:T*B*I])
		mm.NT(T*B, I, G, c.da, w, dx) // dx = da·Wᵀ
	}
}

// advanceBefore is Advance for reset_after=False. Generation steps one token at a time, where
// copying U's column blocks would cost as much as the products, so it multiplies by the whole of
// U twice instead: s = h₋·U gives the gates' parts, then each row's r⊙h₋ (kept in a's r part)
// times U gives the candidate's in s's last part.
func (l *GRU) advanceBefore(h, a, s []float32, B int, mm Gemm) {
	H := l.H
	G := 3 * H
	u := l.P.W(l.Recurrent)
	clear(s[:B*G])
	mm.NN(B, G, H, h, u, s)
	for b := range B {
		ab, sb, hb := a[b*G:(b+1)*G], s[b*G:(b+1)*G], h[b*H:(b+1)*H]
		for j := range H {
			z, r := sigmoid(ab[j]+sb[j]), sigmoid(ab[H+j]+sb[H+j])
			ab[j], ab[H+j] = z, r*hb[j]
		}
	}
	clear(s[:B*G])
	for b := range B {
		mm.NN(1, G, H, a[b*G+H:b*G+2*H], u, s[b*G:(b+1)*G])
	}
	for b := range B {
		ab, sb, hb := a[b*G:(b+1)*G], s[b*G:(b+1)*G], h[b*H:(b+1)*H]
		for j := range H {
			z := ab[j]
			g := tanh(ab[2*H+j] + sb[2*H+j])
			hb[j] = z*hb[j] + (1-z)*g
		}
	}
}
