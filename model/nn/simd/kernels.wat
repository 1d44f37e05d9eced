;; Fabulist's WebAssembly SIMD kernels, called from Go (see simd_wasm.go) on Go's own linear
;; memory: the matrix products, and the elementwise passes over every parameter each step.
;;
;; Matrix products. Every matrix is row-major float32, and every product accumulates into C.
;;
;;   rows: C (m,n) += A·B, with A(i,p) at a + 4·(i·ai + p·ap) and B (k,n) row-major.
;;         NN is ai=k, ap=1; TN (A stored as (k,m)) is ai=1, ap=m.
;;         Each pass over a row of C adds four rows of B (f32x4, four floats a step), so C is
;;         loaded and stored a quarter as often; tails in n and k are scalar.
;;   dots: C (m,n) += A·Bᵀ, with A (m,k) and B (n,k): f32x4 dot products, scalar tails.
;;
;; The simplest reference loop of both is  for i, j, p: C[i,j] += A(i,p)·B(p,j).
(module
  (import "env" "mem" (memory 1))

  (func (export "rows") (param $m i32) (param $n i32) (param $k i32) (param $a i32)
                        (param $ai i32) (param $ap i32) (param $b i32) (param $c i32)
    (local $i i32) (local $p i32) (local $j i32) (local $crow i32) (local $aip i32)
    (local $nb i32) (local $n4 i32) (local $k4 i32) (local $off i32) (local $end i32) (local $tail i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $x0 f32) (local $x1 f32) (local $x2 f32) (local $x3 f32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_s (local.get $i) (local.get $m)))
      (local.set $crow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $p (i32.const 0))
      ;; four rows of B per pass over the row of C
      (block $done_p (loop $loop_p
        (br_if $done_p (i32.ge_s (local.get $p) (local.get $k4)))
        (local.set $aip (i32.add (local.get $a) (i32.shl (i32.add
          (i32.mul (local.get $i) (local.get $ai)) (i32.mul (local.get $p) (local.get $ap))) (i32.const 2))))
        (local.set $x0 (f32.load (local.get $aip)))
        (local.set $x1 (f32.load (i32.add (local.get $aip) (i32.shl (local.get $ap) (i32.const 2)))))
        (local.set $x2 (f32.load (i32.add (local.get $aip) (i32.shl (local.get $ap) (i32.const 3)))))
        (local.set $x3 (f32.load (i32.add (local.get $aip) (i32.mul (local.get $ap) (i32.const 12)))))
        (local.set $v0 (f32x4.splat (local.get $x0)))
        (local.set $v1 (f32x4.splat (local.get $x1)))
        (local.set $v2 (f32x4.splat (local.get $x2)))
        (local.set $v3 (f32x4.splat (local.get $x3)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $nb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $nb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $nb)))
        (local.set $off (i32.const 0))
        (block $done_j (loop $loop_j
          (br_if $done_j (i32.ge_s (local.get $off) (local.get $n4)))
          (v128.store (i32.add (local.get $crow) (local.get $off))
            (f32x4.add (v128.load (i32.add (local.get $crow) (local.get $off)))
              (f32x4.add
                (f32x4.add (f32x4.mul (local.get $v0) (v128.load (i32.add (local.get $b0) (local.get $off))))
                           (f32x4.mul (local.get $v1) (v128.load (i32.add (local.get $b1) (local.get $off)))))
                (f32x4.add (f32x4.mul (local.get $v2) (v128.load (i32.add (local.get $b2) (local.get $off))))
                           (f32x4.mul (local.get $v3) (v128.load (i32.add (local.get $b3) (local.get $off))))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_j)))
        (block $done_t (loop $loop_t
          (br_if $done_t (i32.ge_s (local.get $off) (local.get $nb)))
          (f32.store (i32.add (local.get $crow) (local.get $off))
            (f32.add (f32.load (i32.add (local.get $crow) (local.get $off)))
              (f32.add
                (f32.add (f32.mul (local.get $x0) (f32.load (i32.add (local.get $b0) (local.get $off))))
                         (f32.mul (local.get $x1) (f32.load (i32.add (local.get $b1) (local.get $off)))))
                (f32.add (f32.mul (local.get $x2) (f32.load (i32.add (local.get $b2) (local.get $off))))
                         (f32.mul (local.get $x3) (f32.load (i32.add (local.get $b3) (local.get $off))))))))
          (local.set $off (i32.add (local.get $off) (i32.const 4)))
          (br $loop_t)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $loop_p)))
      ;; the last k mod 4 rows of B, one at a time
      (block $done_r (loop $loop_r
        (br_if $done_r (i32.ge_s (local.get $p) (local.get $k)))
        (local.set $x0 (f32.load (i32.add (local.get $a) (i32.shl (i32.add
          (i32.mul (local.get $i) (local.get $ai)) (i32.mul (local.get $p) (local.get $ap))) (i32.const 2)))))
        (local.set $v0 (f32x4.splat (local.get $x0)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $off (i32.const 0))
        (block $done_rj (loop $loop_rj
          (br_if $done_rj (i32.ge_s (local.get $off) (local.get $n4)))
          (v128.store (i32.add (local.get $crow) (local.get $off))
            (f32x4.add (v128.load (i32.add (local.get $crow) (local.get $off)))
              (f32x4.mul (local.get $v0) (v128.load (i32.add (local.get $b0) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_rj)))
        (block $done_rt (loop $loop_rt
          (br_if $done_rt (i32.ge_s (local.get $off) (local.get $nb)))
          (f32.store (i32.add (local.get $crow) (local.get $off))
            (f32.add (f32.load (i32.add (local.get $crow) (local.get $off)))
              (f32.mul (local.get $x0) (f32.load (i32.add (local.get $b0) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 4)))
          (br $loop_rt)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $loop_r)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop_i))))

  (func (export "dots") (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $arow i32) (local $brow i32) (local $off i32)
    (local $kb i32) (local $k4 i32) (local $acc v128) (local $s f32) (local $cij i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $k4 (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 2)))
    (local.set $cij (local.get $c))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_s (local.get $i) (local.get $m)))
      (local.set $arow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
      (local.set $j (i32.const 0))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $brow (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $off (i32.const 0))
        (block $done_p (loop $loop_p
          (br_if $done_p (i32.ge_s (local.get $off) (local.get $k4)))
          (local.set $acc (f32x4.add (local.get $acc)
            (f32x4.mul (v128.load (i32.add (local.get $arow) (local.get $off)))
                       (v128.load (i32.add (local.get $brow) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_p)))
        (local.set $s (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
          (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (block $done_t (loop $loop_t
          (br_if $done_t (i32.ge_s (local.get $off) (local.get $kb)))
          (local.set $s (f32.add (local.get $s)
            (f32.mul (f32.load (i32.add (local.get $arow) (local.get $off)))
                     (f32.load (i32.add (local.get $brow) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 4)))
          (br $loop_t)))
        (f32.store (local.get $cij) (f32.add (f32.load (local.get $cij)) (local.get $s)))
        (local.set $cij (i32.add (local.get $cij) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $loop_j)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop_i))))
;; Elementwise passes over n floats (the gradient sum, its norm, the optimizer updates). Each
  ;; does in f32x4 lanes, and then one float at a time for the tail, the very operations of
  ;; model's pure-Go loops in the same order (f32.sqrt is correctly rounded, as Go's float32
  ;; square root through float64 is), so their results are identical, bit for bit; only sumsq
  ;; adds in another order.

  ;; add: x[i] += y[i]
  (func (export "add") (param $n i32) (param $x i32) (param $y i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
      (v128.store (local.get $x) (f32x4.add (v128.load (local.get $x)) (v128.load (local.get $y))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br $vec)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (f32.store (local.get $x) (f32.add (f32.load (local.get $x)) (f32.load (local.get $y))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $y (i32.add (local.get $y) (i32.const 4)))
      (br $one))))

  ;; sumsq: Σ x[i]² in float64 (two f64x2 accumulators, then the tail)
  (func (export "sumsq") (param $n i32) (param $x i32) (result f64)
    (local $end i32) (local $end4 i32) (local $v v128) (local $lo v128) (local $hi v128)
    (local $acc0 v128) (local $acc1 v128) (local $s f64) (local $f f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
      (local.set $hi (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $lo) (local.get $lo))))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $hi) (local.get $hi))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $vec)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $f (f64.promote_f32 (f32.load (local.get $x))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $f) (local.get $f))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $one)))
    (local.get $s))

  ;; rmsprop: ms = ρ·ms + ((1-ρ)·g)·g;  p = p - (lr·g) / (√ms + ε)
  (func (export "rmsprop") (param $n i32) (param $p i32) (param $g i32) (param $ms i32)
                           (param $lr f32) (param $rho f32) (param $omr f32) (param $eps f32)
    (local $end i32) (local $end4 i32) (local $gv v128) (local $mv v128)
    (local $lr4 v128) (local $rho4 v128) (local $omr4 v128) (local $eps4 v128) (local $gs f32) (local $m f32)
    (local.set $lr4 (f32x4.splat (local.get $lr)))
    (local.set $rho4 (f32x4.splat (local.get $rho)))
    (local.set $omr4 (f32x4.splat (local.get $omr)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $mv (f32x4.add (f32x4.mul (local.get $rho4) (v128.load (local.get $ms)))
                                (f32x4.mul (f32x4.mul (local.get $omr4) (local.get $gv)) (local.get $gv))))
      (v128.store (local.get $ms) (local.get $mv))
      (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p))
        (f32x4.div (f32x4.mul (local.get $lr4) (local.get $gv))
                   (f32x4.add (f32x4.sqrt (local.get $mv)) (local.get $eps4)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $ms (i32.add (local.get $ms) (i32.const 16)))
      (br $vec)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $gs (f32.load (local.get $g)))
      (local.set $m (f32.add (f32.mul (local.get $rho) (f32.load (local.get $ms)))
                             (f32.mul (f32.mul (local.get $omr) (local.get $gs)) (local.get $gs))))
      (f32.store (local.get $ms) (local.get $m))
      (f32.store (local.get $p) (f32.sub (f32.load (local.get $p))
        (f32.div (f32.mul (local.get $lr) (local.get $gs))
                 (f32.add (f32.sqrt (local.get $m)) (local.get $eps)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (local.set $ms (i32.add (local.get $ms) (i32.const 4)))
      (br $one))))

  ;; adam: m = β₁·m + (1-β₁)·g;  v = β₂·v + ((1-β₂)·g)·g;  p = p - (lr_t·m) / (√v + ε)
  (func (export "adam") (param $n i32) (param $p i32) (param $g i32) (param $m i32) (param $v i32)
                        (param $lr f32) (param $b1 f32) (param $omb1 f32) (param $b2 f32) (param $omb2 f32) (param $eps f32)
    (local $end i32) (local $end4 i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $lr4 v128) (local $b14 v128) (local $omb14 v128) (local $b24 v128) (local $omb24 v128) (local $eps4 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $lr4 (f32x4.splat (local.get $lr)))
    (local.set $b14 (f32x4.splat (local.get $b1)))
    (local.set $omb14 (f32x4.splat (local.get $omb1)))
    (local.set $b24 (f32x4.splat (local.get $b2)))
    (local.set $omb24 (f32x4.splat (local.get $omb2)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $mv (f32x4.add (f32x4.mul (local.get $b14) (v128.load (local.get $m)))
                                (f32x4.mul (local.get $omb14) (local.get $gv))))
      (local.set $vv (f32x4.add (f32x4.mul (local.get $b24) (v128.load (local.get $v)))
                                (f32x4.mul (f32x4.mul (local.get $omb24) (local.get $gv)) (local.get $gv))))
      (v128.store (local.get $m) (local.get $mv))
      (v128.store (local.get $v) (local.get $vv))
      (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p))
        (f32x4.div (f32x4.mul (local.get $lr4) (local.get $mv))
                   (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $eps4)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br $vec)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $gs (f32.load (local.get $g)))
      (local.set $ms (f32.add (f32.mul (local.get $b1) (f32.load (local.get $m)))
                              (f32.mul (local.get $omb1) (local.get $gs))))
      (local.set $vs (f32.add (f32.mul (local.get $b2) (f32.load (local.get $v)))
                              (f32.mul (f32.mul (local.get $omb2) (local.get $gs)) (local.get $gs))))
      (f32.store (local.get $m) (local.get $ms))
      (f32.store (local.get $v) (local.get $vs))
      (f32.store (local.get $p) (f32.sub (f32.load (local.get $p))
        (f32.div (f32.mul (local.get $lr) (local.get $ms))
                 (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (local.set $v (i32.add (local.get $v) (i32.const 4)))
      (br $one))))
  ;; The softmax's passes over each row of logits: its maximum, exp(x - max) with the row's sum,
  ;; and the scaling by 1/sum. exp4 is Cephes' expf in f32x4 lanes (range reduction by ln 2 in
  ;; two parts, a polynomial, 2ⁿ built in the exponent bits): within a few ulp of the correctly
  ;; rounded value, and exact at 0 (the row's maximum). Arguments below -87.3 give about 1e-38
  ;; instead of underflowing, which no softmax sum can notice.
  (func $exp4 (param $x v128) (result v128)
    (local $fx v128) (local $r v128) (local $y v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (v128.const f32x4 -87.33654 -87.33654 -87.33654 -87.33654)) (v128.const f32x4 88.37626 88.37626 88.37626 88.37626)))
    (local.set $fx (f32x4.floor (f32x4.add (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341)) (v128.const f32x4 0.5 0.5 0.5 0.5))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x) (f32x4.mul (local.get $fx) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
                             (f32x4.mul (local.get $fx) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $y (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    (local.set $y (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $y) (local.get $r)) (local.get $r))
                                        (local.get $r)) (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $y)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $fx)) (v128.const i32x4 127 127 127 127))
                 (i32.const 23))))

  ;; rowmax: max x[i] (n ≥ 1); NaN if any is NaN
  (func (export "rowmax") (param $n i32) (param $x i32) (result f32)
    (local $end i32) (local $end4 i32) (local $acc v128) (local $m f32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $acc (f32x4.splat (f32.load (local.get $x))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
      (local.set $acc (f32x4.max (local.get $acc) (v128.load (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $vec)))
    (local.set $m (f32.max (f32.max (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                           (f32.max (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $m (f32.max (local.get $m) (f32.load (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $one)))
    (local.get $m))

  ;; expsub: x[i] = e^(x[i] - m); returns Σ x[i] in float64
  (func (export "expsub") (param $n i32) (param $x i32) (param $m f32) (result f64)
    (local $end i32) (local $end4 i32) (local $m4 v128) (local $e v128)
    (local $acc0 v128) (local $acc1 v128) (local $s f64) (local $f f32)
    (local.set $m4 (f32x4.splat (local.get $m)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
      (local.set $e (call $exp4 (f32x4.sub (v128.load (local.get $x)) (local.get $m4))))
      (v128.store (local.get $x) (local.get $e))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.promote_low_f32x4 (local.get $e))))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $e) (local.get $e)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $vec)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $f (f32x4.extract_lane 0 (call $exp4 (f32x4.splat (f32.sub (f32.load (local.get $x)) (local.get $m))))))
      (f32.store (local.get $x) (local.get $f))
      (local.set $s (f64.add (local.get $s) (f64.promote_f32 (local.get $f))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $one)))
    (local.get $s))

  ;; scale: x[i] *= s
  (func (export "scale") (param $n i32) (param $x i32) (param $s f32)
    (local $end i32) (local $end4 i32) (local $s4 v128)
    (local.set $s4 (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
      (v128.store (local.get $x) (f32x4.mul (v128.load (local.get $x)) (local.get $s4)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $vec)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (f32.store (local.get $x) (f32.mul (f32.load (local.get $x)) (local.get $s)))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $one))))
  ;; The LSTM cell's activations (see model/lstm.go): sigmoid4 is 1/(1 + e^-x) on exp4, and tanh4
  ;; is Cephes' tanhf: x + x³·P(x²) for |x| ≤ 0.625, else 1 - 2/(e^2|x| + 1) with x's sign.
  (func $sigmoid4 (param $x v128) (result v128)
    (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (call $exp4 (f32x4.neg (local.get $x))))))

  (func $tanh4 (param $x v128) (result v128)
    (local $ax v128) (local $big v128) (local $s v128) (local $p v128)
    (local.set $ax (f32x4.abs (local.get $x)))
    (local.set $big (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.div (v128.const f32x4 2 2 2 2)
      (f32x4.add (call $exp4 (f32x4.add (local.get $ax) (local.get $ax))) (v128.const f32x4 1 1 1 1)))))
    (local.set $big (v128.bitselect (local.get $x) (local.get $big) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
    (local.set $s (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $p (v128.const f32x4 -5.70498872745e-3 -5.70498872745e-3 -5.70498872745e-3 -5.70498872745e-3))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s)) (v128.const f32x4 2.06390887954e-2 2.06390887954e-2 2.06390887954e-2 2.06390887954e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s)) (v128.const f32x4 -5.37397155531e-2 -5.37397155531e-2 -5.37397155531e-2 -5.37397155531e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s)) (v128.const f32x4 1.33314422036e-1 1.33314422036e-1 1.33314422036e-1 1.33314422036e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s)) (v128.const f32x4 -3.33332819422e-1 -3.33332819422e-1 -3.33332819422e-1 -3.33332819422e-1)))
    (v128.bitselect (local.get $big)
      (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $s)) (local.get $x)) (local.get $x))
      (f32x4.gt (local.get $ax) (v128.const f32x4 0.625 0.625 0.625 0.625))))

  ;; tanhdot: the additive attention's scores (see model/nn/attention.go): for each of n rows,
  ;; out[i] = Σ_a v[a]·tanh(pk[i·stride + a] + pq[a]) over the first A rounded down to four (Go adds
  ;; the rest, simd_wasm.go). Four partial sums, one per lane, are added at the row's end: another
  ;; order than Go's loop, and tanh4 is within a few ulp of Go's tanhf.
  (func (export "tanhdot") (param $n i32) (param $A i32) (param $pk i32) (param $stride i32) (param $pq i32) (param $v i32) (param $out i32)
    (local $i i32) (local $a i32) (local $a4 i32) (local $row i32) (local $acc v128)
    (local.set $a4 (i32.shl (i32.and (local.get $A) (i32.const -4)) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $pk) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $acc (v128.const f32x4 0 0 0 0))
      (local.set $a (i32.const 0))
      (block $done_a (loop $loop_a
        (br_if $done_a (i32.ge_u (local.get $a) (local.get $a4)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
          (v128.load (i32.add (local.get $v) (local.get $a)))
          (call $tanh4 (f32x4.add (v128.load (i32.add (local.get $row) (local.get $a)))
            (v128.load (i32.add (local.get $pq) (local.get $a))))))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $loop_a)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
        (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
          (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop_i))))

  ;; cell4: four units of one window at z (gates i, f, c, o at z, z+4H, z+8H, z+12H bytes apart
  ;; by hb = 4H): activates the gates in place and writes c = f·c₋ + i·g, tc = tanh c, h = o·tc.
  (func $cell4 (param $z i32) (param $hb i32) (param $cp i32) (param $c i32) (param $h i32) (param $tc i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $cj v128) (local $t v128)
    (local $zf i32) (local $zc i32) (local $zo i32)
    (local.set $zf (i32.add (local.get $z) (local.get $hb)))
    (local.set $zc (i32.add (local.get $zf) (local.get $hb)))
    (local.set $zo (i32.add (local.get $zc) (local.get $hb)))
    (local.set $i (call $sigmoid4 (v128.load (local.get $z))))
    (local.set $f (call $sigmoid4 (v128.load (local.get $zf))))
    (local.set $g (call $tanh4 (v128.load (local.get $zc))))
    (local.set $o (call $sigmoid4 (v128.load (local.get $zo))))
    (v128.store (local.get $z) (local.get $i))
    (v128.store (local.get $zf) (local.get $f))
    (v128.store (local.get $zc) (local.get $g))
    (v128.store (local.get $zo) (local.get $o))
    (local.set $cj (f32x4.add (f32x4.mul (local.get $f) (v128.load (local.get $cp))) (f32x4.mul (local.get $i) (local.get $g))))
    (local.set $t (call $tanh4 (local.get $cj)))
    (v128.store (local.get $c) (local.get $cj))
    (v128.store (local.get $tc) (local.get $t))
    (v128.store (local.get $h) (f32x4.mul (local.get $o) (local.get $t))))

  ;; lstmcell: B windows of H units; z (B, 4H), cp, c, h, tc (B, H); cp may be c. Only the first
  ;; H rounded down to four units of each window: Go does the rest (simd_wasm.go).
  (func (export "lstmcell") (param $B i32) (param $H i32) (param $z i32) (param $cp i32) (param $c i32) (param $h i32) (param $tc i32)
    (local $b i32) (local $j i32) (local $hb i32) (local $h4 i32) (local $zrow i32) (local $row i32)
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $h4 (i32.shl (i32.and (local.get $H) (i32.const -4)) (i32.const 2)))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $B)))
      (local.set $zrow (i32.add (local.get $z) (i32.mul (local.get $b) (i32.shl (local.get $hb) (i32.const 2)))))
      (local.set $row (i32.mul (local.get $b) (local.get $hb)))
      (local.set $j (i32.const 0))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_u (local.get $j) (local.get $h4)))
        (call $cell4 (i32.add (local.get $zrow) (local.get $j)) (local.get $hb)
          (i32.add (local.get $cp) (i32.add (local.get $row) (local.get $j)))
          (i32.add (local.get $c) (i32.add (local.get $row) (local.get $j)))
          (i32.add (local.get $h) (i32.add (local.get $row) (local.get $j)))
          (i32.add (local.get $tc) (i32.add (local.get $row) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $loop_j)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))
)
