package nn

import "math"

// GradCheck compares the gradient in p.Grad with central differences of loss over every
// parameter, and returns for each tensor, by name, the relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)
// (0 where both are zero). loss computes the loss at p.Data as it stands, the same function of
// the weights on every call (dropout with the same mask); p.Grad must hold its gradient. Each
// parameter is moved by ±eps in turn, and the step divided by is the float32 step actually
// taken. It is for tests on tiny sizes: two evaluations of loss per parameter.
func GradCheck(p *Params, eps float32, loss func() float64) map[string]float64 {
	errs := map[string]float64{}
	for _, ts := range p.Tensors {
		var diff, na, nn float64
		data, grad := p.W(ts), p.G(ts)
		for i := range data {
			orig := data[i]
			data[i] = orig + eps
			lp := loss()
			data[i] = orig - eps
			lm := loss()
			data[i] = orig
			h := float64(orig+eps) - float64(orig-eps)
			fd := (lp - lm) / h
			g := float64(grad[i])
			diff += (g - fd) * (g - fd)
			na += g * g
			nn += fd * fd
		}
		if na+nn == 0 {
			errs[ts.Name] = 0
			continue
		}
		errs[ts.Name] = math.Sqrt(diff) / (math.Sqrt(na) + math.Sqrt(nn))
	}
	return errs
}
