;; Fabulist's fused multiply-add kernels: the matrix products of kernels.wat (tile, row1, dots),
;; each product and its sum one f32x4.relaxed_madd (relaxed SIMD) instead of f32x4.mul then
;; f32x4.add. Everything else (the loops, the blocks, the order in which each C[i,j] is summed,
;; the scalar tails, which stay mul then add since wasm has no scalar fused multiply-add) is
;; kernels.wat's, so that the two paths differ only in where a product is rounded.
;;
;; relaxed_madd may be fused or not, as the hardware has it: where it is not fused it computes
;; exactly what kernels.wat does. web/simd.js uses this module only where madd, below, shows it
;; fused, so that the fused path gives the same bits on every machine that offers it (each
;; madd is then IEEE 754's fusedMultiplyAdd on binary32).
;;
;; This file is kernels.wat's product kernels with each (f32x4.add x (f32x4.mul a b)) written as
;; (f32x4.relaxed_madd a b x); make kernels assembles it (wat2wasm --enable-relaxed-simd) into
;; kernels_fma.wasm, which is committed beside it and checked against it by a test.
(module
  (import "env" "mem" (memory 1))

  ;; row1: one row of C (n) += A·B, A(p) at a + 4·p·ap, in tile's order: for each 128 rows of B,
  ;; their products summed in order of p into acc (n floats of scratch), then acc added to C; for
  ;; the first n rounded down to 4 columns (Go adds the rest). Rows that tile leaves (m mod 4,
  ;; and products of fewer than 4 rows) come here one at a time, so that a row of C is the same
  ;; whichever rows are computed beside it; this loop order streams B, four rows a pass, where
  ;; tile's reads it down its columns and was 8 times slower for one row.
  (func (export "row1") (param $n i32) (param $k i32) (param $a i32) (param $ap i32)
                        (param $b i32) (param $c i32) (param $acc i32)
    (local $nb i32) (local $n4 i32) (local $apb i32) (local $p i32) (local $pend i32) (local $off i32)
    (local $pa i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $v v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $w v128) (local $n8 i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $n8 (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2)))
    (local.set $apb (i32.shl (local.get $ap) (i32.const 2)))
    (block $done_k (loop $loop_k
      (br_if $done_k (i32.ge_s (local.get $p) (local.get $k)))
      (local.set $pend (select (local.get $k) (i32.add (local.get $p) (i32.const 128))
        (i32.lt_s (local.get $k) (i32.add (local.get $p) (i32.const 128)))))
      (local.set $off (i32.const 0))
      (block $done_z (loop $loop_z
        (br_if $done_z (i32.ge_u (local.get $off) (local.get $n4)))
        (v128.store (i32.add (local.get $acc) (local.get $off)) (v128.const i32x4 0 0 0 0))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $loop_z)))
      ;; four rows of B a pass, added one after another
      (block $done_p (loop $loop_p
        (br_if $done_p (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $pend)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $p) (local.get $apb))))
        (local.set $x0 (v128.load32_splat (local.get $pa)))
        (local.set $x1 (v128.load32_splat (i32.add (local.get $pa) (local.get $apb))))
        (local.set $x2 (v128.load32_splat (i32.add (local.get $pa) (i32.shl (local.get $apb) (i32.const 1)))))
        (local.set $x3 (v128.load32_splat (i32.add (local.get $pa) (i32.mul (local.get $apb) (i32.const 3)))))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $nb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $nb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $nb)))
        (local.set $off (i32.const 0))
        ;; two f32x4 of the row a step, so that their chains of adds overlap
        (block $done_j (loop $loop_j
          (br_if $done_j (i32.ge_u (local.get $off) (local.get $n8)))
          (local.set $v (v128.load offset=0 (i32.add (local.get $acc) (local.get $off))))
          (local.set $v (f32x4.relaxed_madd (local.get $x0) (v128.load offset=0 (i32.add (local.get $b0) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x1) (v128.load offset=0 (i32.add (local.get $b1) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x2) (v128.load offset=0 (i32.add (local.get $b2) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x3) (v128.load offset=0 (i32.add (local.get $b3) (local.get $off))) (local.get $v)))
          (v128.store offset=0 (i32.add (local.get $acc) (local.get $off)) (local.get $v))
          (local.set $w (v128.load offset=16 (i32.add (local.get $acc) (local.get $off))))
          (local.set $w (f32x4.relaxed_madd (local.get $x0) (v128.load offset=16 (i32.add (local.get $b0) (local.get $off))) (local.get $w)))
          (local.set $w (f32x4.relaxed_madd (local.get $x1) (v128.load offset=16 (i32.add (local.get $b1) (local.get $off))) (local.get $w)))
          (local.set $w (f32x4.relaxed_madd (local.get $x2) (v128.load offset=16 (i32.add (local.get $b2) (local.get $off))) (local.get $w)))
          (local.set $w (f32x4.relaxed_madd (local.get $x3) (v128.load offset=16 (i32.add (local.get $b3) (local.get $off))) (local.get $w)))
          (v128.store offset=16 (i32.add (local.get $acc) (local.get $off)) (local.get $w))
          (local.set $off (i32.add (local.get $off) (i32.const 32)))
          (br $loop_j)))
        (block $done_j4 (loop $loop_j4
          (br_if $done_j4 (i32.ge_u (local.get $off) (local.get $n4)))
          (local.set $v (v128.load offset=0 (i32.add (local.get $acc) (local.get $off))))
          (local.set $v (f32x4.relaxed_madd (local.get $x0) (v128.load offset=0 (i32.add (local.get $b0) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x1) (v128.load offset=0 (i32.add (local.get $b1) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x2) (v128.load offset=0 (i32.add (local.get $b2) (local.get $off))) (local.get $v)))
          (local.set $v (f32x4.relaxed_madd (local.get $x3) (v128.load offset=0 (i32.add (local.get $b3) (local.get $off))) (local.get $v)))
          (v128.store offset=0 (i32.add (local.get $acc) (local.get $off)) (local.get $v))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_j4)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $loop_p)))
      ;; the block's last rows of B, one at a time
      (block $done_r (loop $loop_r
        (br_if $done_r (i32.ge_s (local.get $p) (local.get $pend)))
        (local.set $x0 (v128.load32_splat (i32.add (local.get $a) (i32.mul (local.get $p) (local.get $apb)))))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $off (i32.const 0))
        (block $done_rj (loop $loop_rj
          (br_if $done_rj (i32.ge_u (local.get $off) (local.get $n4)))
          (v128.store (i32.add (local.get $acc) (local.get $off))
            (f32x4.relaxed_madd (local.get $x0) (v128.load (i32.add (local.get $b0) (local.get $off))) (v128.load (i32.add (local.get $acc) (local.get $off)))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_rj)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $loop_r)))
      (local.set $off (i32.const 0))
      (block $done_c (loop $loop_c
        (br_if $done_c (i32.ge_u (local.get $off) (local.get $n4)))
        (v128.store (i32.add (local.get $c) (local.get $off))
          (f32x4.add (v128.load (i32.add (local.get $c) (local.get $off))) (v128.load (i32.add (local.get $acc) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $loop_c)))
      (br $loop_k))))

  ;; tile: C[i, j] += Σ_p A(i,p)·B[p, j] for m a multiple of 4 and j < n&^3 (Go adds the last
  ;; n mod 4 columns): C gets the sum of each 128 values of p in turn, each summed in order of p.
  ;; Blocks of 4 rows by 8 columns, then a last block of 4 columns. Go gives row1 the last m mod
  ;; 4 rows.
  (func (export "tile") (param $m i32) (param $n i32) (param $k i32) (param $a i32)
                        (param $ai i32) (param $ap i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $nb i32) (local $n8 i32)
    (local $aib i32) (local $aib2 i32) (local $aib3 i32) (local $apb i32)
    (local $pa i32) (local $pb i32) (local $pend i32) (local $cr i32) (local $p0 i32) (local $kcb i32)
    (local $pa0 i32) (local $pb0 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n8 (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2)))
    (local.set $aib (i32.shl (local.get $ai) (i32.const 2)))
    (local.set $aib2 (i32.shl (local.get $ai) (i32.const 3)))
    (local.set $aib3 (i32.mul (local.get $ai) (i32.const 12)))
    (local.set $apb (i32.shl (local.get $ap) (i32.const 2)))
    (block $done_j (loop $loop_j
      (br_if $done_j (i32.ge_u (local.get $j) (local.get $n8)))
      (local.set $pa0 (i32.const 0))
      (local.set $pb0 (i32.const 0))
      (local.set $p0 (i32.const 0))
      (block $done_k (loop $loop_k
        (br_if $done_k (i32.ge_s (local.get $p0) (local.get $k)))
        (local.set $kcb (i32.mul (i32.sub (select (local.get $k) (i32.add (local.get $p0) (i32.const 128))
          (i32.lt_s (local.get $k) (i32.add (local.get $p0) (i32.const 128)))) (local.get $p0)) (local.get $nb)))
        (local.set $i (i32.const 0))
        (block $done_i4 (loop $loop_i4
          (br_if $done_i4 (i32.ge_s (local.get $i) (local.get $m)))
          (local.set $pa (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $aib)) (local.get $pa0))))
          (local.set $pb (i32.add (local.get $b) (i32.add (local.get $j) (local.get $pb0))))
          (local.set $pend (i32.add (local.get $pb) (local.get $kcb)))
          (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0)) (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0)) (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0)) (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
          (block $done_p4 (loop $loop_p4
            (br_if $done_p4 (i32.ge_u (local.get $pb) (local.get $pend)))
            (local.set $b0 (v128.load offset=0 (local.get $pb)))
            (local.set $b1 (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib))))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib2))))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib3))))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
            (local.set $pa (i32.add (local.get $pa) (local.get $apb)))
            (local.set $pb (i32.add (local.get $pb) (local.get $nb)))
            (br $loop_p4)))
          (local.set $cr (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))) (local.get $j)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c00)))
          (v128.store offset=16 (local.get $cr) (f32x4.add (v128.load offset=16 (local.get $cr)) (local.get $c01)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c10)))
          (v128.store offset=16 (local.get $cr) (f32x4.add (v128.load offset=16 (local.get $cr)) (local.get $c11)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c20)))
          (v128.store offset=16 (local.get $cr) (f32x4.add (v128.load offset=16 (local.get $cr)) (local.get $c21)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c30)))
          (v128.store offset=16 (local.get $cr) (f32x4.add (v128.load offset=16 (local.get $cr)) (local.get $c31)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $loop_i4)))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 128)))
        (local.set $pa0 (i32.add (local.get $pa0) (i32.shl (local.get $apb) (i32.const 7))))
        (local.set $pb0 (i32.add (local.get $pb0) (i32.shl (local.get $nb) (i32.const 7))))
        (br $loop_k)))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $loop_j)))
    ;; a last block of four columns
    (if (i32.and (local.get $n) (i32.const 4)) (then
      (local.set $pa0 (i32.const 0))
      (local.set $pb0 (i32.const 0))
      (local.set $p0 (i32.const 0))
      (block $done_k_4 (loop $loop_k_4
        (br_if $done_k_4 (i32.ge_s (local.get $p0) (local.get $k)))
        (local.set $kcb (i32.mul (i32.sub (select (local.get $k) (i32.add (local.get $p0) (i32.const 128))
          (i32.lt_s (local.get $k) (i32.add (local.get $p0) (i32.const 128)))) (local.get $p0)) (local.get $nb)))
        (local.set $i (i32.const 0))
        (block $done_i4_4 (loop $loop_i4_4
          (br_if $done_i4_4 (i32.ge_s (local.get $i) (local.get $m)))
          (local.set $pa (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $aib)) (local.get $pa0))))
          (local.set $pb (i32.add (local.get $b) (i32.add (local.get $j) (local.get $pb0))))
          (local.set $pend (i32.add (local.get $pb) (local.get $kcb)))
          (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c30 (v128.const i32x4 0 0 0 0))
          (block $done_p4_4 (loop $loop_p4_4
            (br_if $done_p4_4 (i32.ge_u (local.get $pb) (local.get $pend)))
            (local.set $b0 (v128.load offset=0 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib))))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib2))))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
            (local.set $x (v128.load32_splat (i32.add (local.get $pa) (local.get $aib3))))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
            (local.set $pa (i32.add (local.get $pa) (local.get $apb)))
            (local.set $pb (i32.add (local.get $pb) (local.get $nb)))
            (br $loop_p4_4)))
          (local.set $cr (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))) (local.get $j)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c00)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c10)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c20)))
          (local.set $cr (i32.add (local.get $cr) (local.get $nb)))
          (v128.store (local.get $cr) (f32x4.add (v128.load (local.get $cr)) (local.get $c30)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $loop_i4_4)))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 128)))
        (local.set $pa0 (i32.add (local.get $pa0) (i32.shl (local.get $apb) (i32.const 7))))
        (local.set $pb0 (i32.add (local.get $pb0) (i32.shl (local.get $nb) (i32.const 7))))
        (br $loop_k_4)))
    )))


  ;; dots: C (m,n) += A·Bᵀ, A (m,k), B (n,k). Blocks of 2 rows of A by 4 rows of B keep eight
  ;; f32x4 sums in registers, so each load of A serves four dot products and each load of B two;
  ;; the last row and columns are one dot product at a time ($dot1). Every C[i,j] is summed as it
  ;; always was: four lanes over k rounded down to four, the lanes added (0+1)+(2+3), then the
  ;; last k mod 4 products in order ($dottail), then added to C.
  (func $dottail (param $arow i32) (param $brow i32) (param $off i32) (param $kb i32) (param $s f32) (result f32)
    (block $done (loop $loop
      (br_if $done (i32.ge_s (local.get $off) (local.get $kb)))
      (local.set $s (f32.add (local.get $s)
        (f32.mul (f32.load (i32.add (local.get $arow) (local.get $off)))
                 (f32.load (i32.add (local.get $brow) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 4)))
      (br $loop)))
    (local.get $s))

  (func $hsum (param $v v128) (result f32)
    (f32.add (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
             (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  (func $dot1 (param $arow i32) (param $brow i32) (param $k4 i32) (param $kb i32) (result f32)
    (local $off i32) (local $acc v128)
    (block $done (loop $loop
      (br_if $done (i32.ge_s (local.get $off) (local.get $k4)))
      (local.set $acc (f32x4.relaxed_madd (v128.load (i32.add (local.get $arow) (local.get $off))) (v128.load (i32.add (local.get $brow) (local.get $off))) (local.get $acc)))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $loop)))
    (call $dottail (local.get $arow) (local.get $brow) (local.get $off) (local.get $kb) (call $hsum (local.get $acc))))

  (func (export "dots") (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $j i32) (local $kb i32) (local $k4 i32) (local $nb i32) (local $off i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $c0 i32) (local $c1 i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128) (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $k4 (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $m)))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
      (local.set $a1 (i32.add (local.get $a0) (local.get $kb)))
      (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $c1 (i32.add (local.get $c0) (local.get $nb)))
      (local.set $j (i32.const 0))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $n)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $kb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $kb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $kb)))
        (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s01 (v128.const i32x4 0 0 0 0)) (local.set $s02 (v128.const i32x4 0 0 0 0)) (local.set $s03 (v128.const i32x4 0 0 0 0)) (local.set $s10 (v128.const i32x4 0 0 0 0)) (local.set $s11 (v128.const i32x4 0 0 0 0)) (local.set $s12 (v128.const i32x4 0 0 0 0)) (local.set $s13 (v128.const i32x4 0 0 0 0))
        (local.set $off (i32.const 0))
        (block $done_p (loop $loop_p
          (br_if $done_p (i32.ge_s (local.get $off) (local.get $k4)))
          (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $off))))
          (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $off))))
          (local.set $y (v128.load (i32.add (local.get $b0) (local.get $off))))
          (local.set $s00 (f32x4.relaxed_madd (local.get $x0) (local.get $y) (local.get $s00)))
          (local.set $s10 (f32x4.relaxed_madd (local.get $x1) (local.get $y) (local.get $s10)))
          (local.set $y (v128.load (i32.add (local.get $b1) (local.get $off))))
          (local.set $s01 (f32x4.relaxed_madd (local.get $x0) (local.get $y) (local.get $s01)))
          (local.set $s11 (f32x4.relaxed_madd (local.get $x1) (local.get $y) (local.get $s11)))
          (local.set $y (v128.load (i32.add (local.get $b2) (local.get $off))))
          (local.set $s02 (f32x4.relaxed_madd (local.get $x0) (local.get $y) (local.get $s02)))
          (local.set $s12 (f32x4.relaxed_madd (local.get $x1) (local.get $y) (local.get $s12)))
          (local.set $y (v128.load (i32.add (local.get $b3) (local.get $off))))
          (local.set $s03 (f32x4.relaxed_madd (local.get $x0) (local.get $y) (local.get $s03)))
          (local.set $s13 (f32x4.relaxed_madd (local.get $x1) (local.get $y) (local.get $s13)))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $loop_p)))
        (f32.store offset=0 (local.get $c0) (f32.add (f32.load offset=0 (local.get $c0))
          (call $dottail (local.get $a0) (local.get $b0) (local.get $off) (local.get $kb) (call $hsum (local.get $s00)))))
        (f32.store offset=4 (local.get $c0) (f32.add (f32.load offset=4 (local.get $c0))
          (call $dottail (local.get $a0) (local.get $b1) (local.get $off) (local.get $kb) (call $hsum (local.get $s01)))))
        (f32.store offset=8 (local.get $c0) (f32.add (f32.load offset=8 (local.get $c0))
          (call $dottail (local.get $a0) (local.get $b2) (local.get $off) (local.get $kb) (call $hsum (local.get $s02)))))
        (f32.store offset=12 (local.get $c0) (f32.add (f32.load offset=12 (local.get $c0))
          (call $dottail (local.get $a0) (local.get $b3) (local.get $off) (local.get $kb) (call $hsum (local.get $s03)))))
        (f32.store offset=0 (local.get $c1) (f32.add (f32.load offset=0 (local.get $c1))
          (call $dottail (local.get $a1) (local.get $b0) (local.get $off) (local.get $kb) (call $hsum (local.get $s10)))))
        (f32.store offset=4 (local.get $c1) (f32.add (f32.load offset=4 (local.get $c1))
          (call $dottail (local.get $a1) (local.get $b1) (local.get $off) (local.get $kb) (call $hsum (local.get $s11)))))
        (f32.store offset=8 (local.get $c1) (f32.add (f32.load offset=8 (local.get $c1))
          (call $dottail (local.get $a1) (local.get $b2) (local.get $off) (local.get $kb) (call $hsum (local.get $s12)))))
        (f32.store offset=12 (local.get $c1) (f32.add (f32.load offset=12 (local.get $c1))
          (call $dottail (local.get $a1) (local.get $b3) (local.get $off) (local.get $kb) (call $hsum (local.get $s13)))))
        (local.set $c0 (i32.add (local.get $c0) (i32.const 16)))
        (local.set $c1 (i32.add (local.get $c1) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $loop_j)))
      ;; the last n mod 4 columns of these two rows
      (block $done_t (loop $loop_t
        (br_if $done_t (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
        (f32.store (local.get $c0) (f32.add (f32.load (local.get $c0)) (call $dot1 (local.get $a0) (local.get $b0) (local.get $k4) (local.get $kb))))
        (f32.store (local.get $c1) (f32.add (f32.load (local.get $c1)) (call $dot1 (local.get $a1) (local.get $b0) (local.get $k4) (local.get $kb))))
        (local.set $c0 (i32.add (local.get $c0) (i32.const 4)))
        (local.set $c1 (i32.add (local.get $c1) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $loop_t)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $loop_i)))
    ;; the last row when m is odd
    (if (i32.lt_s (local.get $i) (local.get $m)) (then
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
      (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $j (i32.const 0))
      (block $done_r (loop $loop_r
        (br_if $done_r (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
        (f32.store (local.get $c0) (f32.add (f32.load (local.get $c0)) (call $dot1 (local.get $a0) (local.get $b0) (local.get $k4) (local.get $kb))))
        (local.set $c0 (i32.add (local.get $c0) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $loop_r))))))

  ;; madd: lane 0 of relaxed_madd(a, b, c): the probe web/simd.js runs before it takes this
  ;; module. With a = 1 + 2⁻¹², b = a and c = -(1 + 2⁻¹¹), a·b + c is 2⁻²⁴ exactly, which a fused
  ;; multiply-add returns, while a·b rounded to float32 first (1 + 2⁻¹¹, the tie to even) leaves 0.
  (func (export "madd") (param $a f32) (param $b f32) (param $c f32) (result f32)
    (f32x4.extract_lane 0 (f32x4.relaxed_madd (f32x4.splat (local.get $a)) (f32x4.splat (local.get $b)) (f32x4.splat (local.get $c))))))
