package model

import (
	"fmt"
	"math"
)

// Optimizer updates parameters from their gradients, whole slices at a time.
type Optimizer interface {
	// Step applies one update of p from g (same length).
	Step(p, g []float32)
	// State returns the optimizer's slots and step count, for model files.
	State() (slots [][]float32, t int64)
	// Name is "rmsprop" or "adam".
	Name() string
}

// NewOptimizer makes the named optimizer for n parameters with Keras' defaults.
func NewOptimizer(name string, lr float32, n int) (Optimizer, error) {
	switch name {
	case "rmsprop":
		return &RMSprop{LR: lr, Rho: 0.9, Eps: 1e-7, MS: make([]float32, n)}, nil
	case "adam":
		return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7, M: make([]float32, n), V: make([]float32, n)}, nil
	}
	return nil, fmt.Errorf("model: unknown optimizer %q (want rmsprop or adam)", name)
}

// RMSprop with Keras' semantics:
//
//	ms = ρ·ms + (1-ρ)·g²;  p -= lr·g / (√ms + ε)
type RMSprop struct {
	LR, Rho, Eps float32
	MS           []float32
	T            int64
}

func (o *RMSprop) Name() string                        { return "rmsprop" }
func (o *RMSprop) State() (slots [][]float32, t int64) { return [][]float32{o.MS}, o.T }

func (o *RMSprop) Step(p, g []float32) {
	DefaultVector.RMSprop(p, g, o.MS, o.LR, o.Rho, o.Eps)
	o.T++
}

// Adam with Keras' semantics:
//
//	m = β₁m + (1-β₁)g;  v = β₂v + (1-β₂)g²;  lr_t = lr·√(1-β₂ᵗ)/(1-β₁ᵗ);  p -= lr_t·m / (√v + ε)
type Adam struct {
	LR, Beta1, Beta2, Eps float32
	M, V                  []float32
	T                     int64
}

func (o *Adam) Name() string                        { return "adam" }
func (o *Adam) State() (slots [][]float32, t int64) { return [][]float32{o.M, o.V}, o.T }

func (o *Adam) Step(p, g []float32) {
	o.T++
	t := float64(o.T)
	lrT := float32(float64(o.LR) * math.Sqrt(1-math.Pow(float64(o.Beta2), t)) / (1 - math.Pow(float64(o.Beta1), t)))
	DefaultVector.Adam(p, g, o.M, o.V, lrT, o.Beta1, o.Beta2, o.Eps)
}

// ClipByGlobalNorm scales g so that its L2 norm is at most maxNorm, given its norm; it returns
// whether it scaled.
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
