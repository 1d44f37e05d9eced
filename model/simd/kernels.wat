;; Fabulist's WebAssembly SIMD matrix kernels, called from Go (see simd_wasm.go) on Go's own
;; linear memory. Every matrix is row-major float32, and every product accumulates into C.
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
)
