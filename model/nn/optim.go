package nn

import (
	"fmt"
	"math"
)

// OptimizerName names an optimizer as Keras' string identifiers do; model files and share links
// record it.
type OptimizerName string

// The optimizers.
const (
	RMSpropName OptimizerName = "rmsprop"
	AdamName    OptimizerName = "adam"
)

// Valid reports whether n names an optimizer: a check of what a user or a file gave.
func (n OptimizerName) Valid() bool { return n.Slots() > 0 }

// Slots is how many values per parameter the optimizer keeps (RMSprop its mean square, Adam
// its two moments), or 0 for an unknown name: what a decoder expects of a saved state.
func (n OptimizerName) Slots() int {
	switch n {
	case RMSpropName:
		return 1
	case AdamName:
		return 2
	}
	return 0
}

// Optimizer updates parameters from their gradients, whole slices at a time.
type Optimizer interface {
	Name() OptimizerName
	// Step applies one update of p from g (same length).
	Step(p, g []float32)
	// State returns the optimizer's slots (Slots() of them, each as long as p) and step count,
	// for model files. The slots are the optimizer's own, not copies.
	State() (slots [][]float32, t int64)
	// Restore continues from a State saved by an optimizer of the same name and size; it changes
	// nothing and returns an error when the slots do not fit.
	Restore(slots [][]float32, t int64) error
	// SetLR sets the learning rate of the steps that follow, for a schedule that changes it
	// between steps (Keras' LearningRateSchedule).
	SetLR(lr float32)
	// SetWorkers makes each Step that follows update its parameters in k contiguous ranges on k
	// goroutines (at most GOMAXPROCS; k ≤ 1 is one): the update is elementwise, so the result
	// is the same, bit for bit, for any k. The update is part of a data-parallel step's serial
	// tail: 0.8 ms of a native two-worker step of some 24 ms for the book's model on one
	// goroutine, 0.6 on two (BenchmarkRMSpropStep), and more of a step the more workers share it.
	SetWorkers(k int)
}

// NewOptimizer makes the named optimizer for n parameters with Keras' defaults (ρ 0.9, β₁ 0.9,
// β₂ 0.999, ε 1e-7).
func NewOptimizer(name OptimizerName, lr float32, n int) (Optimizer, error) {
	switch name {
	case RMSpropName:
		return &RMSprop{LR: lr, Rho: 0.9, Eps: 1e-7, MS: make([]float32, n)}, nil
	case AdamName:
		return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7, M: make([]float32, n), V: make([]float32, n)}, nil
	}
	return nil, fmt.Errorf("nn: unknown optimizer %q (want rmsprop or adam)", name)
}

// restoreSlots copies saved slots into an optimizer's own, after checking that each fits.
func restoreSlots(own, saved [][]float32) error {
	if len(saved) != len(own) {
		return fmt.Errorf("nn: saved optimizer state has %d slots; want %d", len(saved), len(own))
	}
	for i := range own {
		if len(saved[i]) != len(own[i]) {
			return fmt.Errorf("nn: saved optimizer slot of %d values; want %d", len(saved[i]), len(own[i]))
		}
	}
	for i := range own {
		copy(own[i], saved[i])
	}
	return nil
}

// RMSprop with Keras' semantics (Keras 2, as the book uses it):
//
//	ms = ρ·ms + (1-ρ)·g²;  p -= lr·g / (√ms + ε)
type RMSprop struct {
	LR, Rho, Eps float32
	MS           []float32
	T            int64
	workers      int
}

// Name is RMSpropName.
func (o *RMSprop) Name() OptimizerName { return RMSpropName }

// State is the mean square and the step count.
func (o *RMSprop) State() (slots [][]float32, t int64) { return [][]float32{o.MS}, o.T }

// Restore sets the mean square and the step count.
func (o *RMSprop) Restore(slots [][]float32, t int64) error {
	if err := restoreSlots([][]float32{o.MS}, slots); err != nil {
		return err
	}
	o.T = t
	return nil
}

// SetLR sets the learning rate.
func (o *RMSprop) SetLR(lr float32) { o.LR = lr }

// SetWorkers sets the goroutines of each Step.
func (o *RMSprop) SetWorkers(k int) { o.workers = k }

// Step applies one update through DefaultVector.
func (o *RMSprop) Step(p, g []float32) {
	Spread(len(p), o.workers, func(lo, hi int) {
		DefaultVector.RMSprop(p[lo:hi], g[lo:hi], o.MS[lo:hi], o.LR, o.Rho, o.Eps)
	})
	o.T++
}

// Adam with Keras' semantics:
//
//	m = β₁m + (1-β₁)g;  v = β₂v + (1-β₂)g²;  lr_t = lr·√(1-β₂ᵗ)/(1-β₁ᵗ);  p -= lr_t·m / (√v + ε)
type Adam struct {
	LR, Beta1, Beta2, Eps float32
	M, V                  []float32
	T                     int64
	workers               int
}

// Name is AdamName.
func (o *Adam) Name() OptimizerName { return AdamName }

// State is the two moments and the step count.
func (o *Adam) State() (slots [][]float32, t int64) { return [][]float32{o.M, o.V}, o.T }

// Restore sets the two moments and the step count.
func (o *Adam) Restore(slots [][]float32, t int64) error {
	if err := restoreSlots([][]float32{o.M, o.V}, slots); err != nil {
		return err
	}
	o.T = t
	return nil
}

// SetLR sets the learning rate.
func (o *Adam) SetLR(lr float32) { o.LR = lr }

// SetWorkers sets the goroutines of each Step.
func (o *Adam) SetWorkers(k int) { o.workers = k }

// Step applies one update through DefaultVector.
func (o *Adam) Step(p, g []float32) {
	o.T++
	t := float64(o.T)
	lrT := float32(float64(o.LR) * math.Sqrt(1-math.Pow(float64(o.Beta2), t)) / (1 - math.Pow(float64(o.Beta1), t)))
	Spread(len(p), o.workers, func(lo, hi int) {
		DefaultVector.Adam(p[lo:hi], g[lo:hi], o.M[lo:hi], o.V[lo:hi], lrT, o.Beta1, o.Beta2, o.Eps)
	})
}

// ClipByGlobalNorm scales g so that its L2 norm is at most maxNorm, given its norm (Keras'
// clipnorm over all parameters at once); it returns whether it scaled. maxNorm ≤ 0 is no clipping.
func ClipByGlobalNorm(g []float32, norm float64, maxNorm float32) bool {
	if maxNorm <= 0 || norm <= float64(maxNorm) {
		return false
	}
	s := float32(float64(maxNorm) / norm)
	for i := range g {
		g[i] *= s
	}
	return true
}
