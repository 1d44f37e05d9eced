package lm

import "math"

// Schedule names how the learning rate changes over a run: Config.LR is where it starts, and the
// schedule scales it by how far the run has gone, in training batches of all its epochs.
type Schedule string

const (
	// ScheduleConstant keeps Config.LR throughout, as Keras' optimizers do without a schedule,
	// and as every model file and link from before the setting trained. "" means it too.
	ScheduleConstant Schedule = "constant"
	// ScheduleLinear falls in a straight line from Config.LR at the first batch to 0 after the
	// last (Keras' PolynomialDecay with power 1 and end 0).
	ScheduleLinear Schedule = "linear"
	// ScheduleCosine follows half a cosine from Config.LR to 0 after the last batch (Keras'
	// CosineDecay with alpha 0; Loshchilov and Hutter's SGDR without restarts): slow at first,
	// when the weights are far from a minimum, and slow at the end, where it settles into one.
	ScheduleCosine Schedule = "cosine"
)

// Valid reports whether s is a schedule ("" being ScheduleConstant).
func (s Schedule) Valid() bool {
	return s == "" || s == ScheduleConstant || s == ScheduleLinear || s == ScheduleCosine
}

// Rate is the learning rate for training batch step (from 0) of a run of total batches that
// starts at lr. Past the end (a run resumed with more epochs than it began with would not get
// there: total grows with them) the rate stays at the schedule's last.
func (s Schedule) Rate(lr float32, step, total int) float32 {
	if total <= 0 {
		return lr
	}
	f := min(float64(step)/float64(total), 1)
	switch s {
	case ScheduleLinear:
		return float32(float64(lr) * (1 - f))
	case ScheduleCosine:
		return float32(float64(lr) * 0.5 * (1 + math.Cos(math.Pi*f)))
	}
	return lr
}
