//go:build !purego

#include "textflag.h"

// The AVX2 kernel's register tiles (see gemm_amd64.go). Each adds into a tile of C, 16 columns
// wide, the products of R rows of A with a strip of B 16 columns wide:
//
//	C[r, 0:16] += Σ_p A(r,p) · B[p, 0:16]    for p in [0, k), k ≥ 1
//
// A(r,p) is at a + r·ai + p·ap bytes, so one kernel reads A as stored (NN: ai = 4k, ap = 4) or
// transposed (TN: ai = 4, ap = 4m); B's rows are ldb bytes apart, C's ldc. The accumulators stay
// in registers over the whole of k, and each step is one fused multiply-add per 8 floats.

// func tile4x16(k int, a unsafe.Pointer, ai, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, ldc int)
TEXT ·tile4x16(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ai+16(FP), R8
	MOVQ ap+24(FP), R9
	MOVQ b+32(FP), DI
	MOVQ ldb+40(FP), R10
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R11

	LEAQ (DX)(R11*1), R12
	LEAQ (R12)(R11*1), R13
	LEAQ (R13)(R11*1), R14
	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1
	VMOVUPS (R12), Y2
	VMOVUPS 32(R12), Y3
	VMOVUPS (R13), Y4
	VMOVUPS 32(R13), Y5
	VMOVUPS (R14), Y6
	VMOVUPS 32(R14), Y7

	LEAQ (SI)(R8*1), AX
	LEAQ (AX)(R8*1), BX
	LEAQ (BX)(R8*1), R12

loop4:
	VMOVUPS (DI), Y8
	VMOVUPS 32(DI), Y9
	VBROADCASTSS (SI), Y10
	VFMADD231PS Y8, Y10, Y0
	VFMADD231PS Y9, Y10, Y1
	VBROADCASTSS (AX), Y11
	VFMADD231PS Y8, Y11, Y2
	VFMADD231PS Y9, Y11, Y3
	VBROADCASTSS (BX), Y12
	VFMADD231PS Y8, Y12, Y4
	VFMADD231PS Y9, Y12, Y5
	VBROADCASTSS (R12), Y13
	VFMADD231PS Y8, Y13, Y6
	VFMADD231PS Y9, Y13, Y7
	ADDQ R9, SI
	ADDQ R9, AX
	ADDQ R9, BX
	ADDQ R9, R12
	ADDQ R10, DI
	DECQ CX
	JNZ  loop4

	LEAQ (DX)(R11*1), R12
	LEAQ (R12)(R11*1), R13
	LEAQ (R13)(R11*1), R14
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, (R12)
	VMOVUPS Y3, 32(R12)
	VMOVUPS Y4, (R13)
	VMOVUPS Y5, 32(R13)
	VMOVUPS Y6, (R14)
	VMOVUPS Y7, 32(R14)
	VZEROUPPER
	RET

// func tile1x16(k int, a unsafe.Pointer, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer)
TEXT ·tile1x16(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ap+16(FP), R9
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1

loop1:
	VBROADCASTSS (SI), Y10
	VFMADD231PS (DI), Y10, Y0
	VFMADD231PS 32(DI), Y10, Y1
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNZ  loop1

	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VZEROUPPER
	RET

// func dots4x2(k8 int, a unsafe.Pointer, lda int, b unsafe.Pointer, ldb int, out *[64]float32)
//
// The eight dot products of A's 4 rows at a (lda bytes apart) with B's 2 rows at b (ldb bytes
// apart) over 8·k8 floats, k8 ≥ 1, each left as 8 partial sums: out[8(2r+c) : 8(2r+c)+8] for
// A's row r and B's row c.
TEXT ·dots4x2(SB), NOSPLIT, $0-48
	MOVQ k8+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R8
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ out+40(FP), DX
	LEAQ (SI)(R8*1), AX
	LEAQ (AX)(R8*1), BX
	LEAQ (BX)(R8*1), R12
	LEAQ (DI)(R10*1), R13
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7

loopd:
	VMOVUPS (DI), Y8
	VMOVUPS (R13), Y9
	VMOVUPS (SI), Y10
	VFMADD231PS Y8, Y10, Y0
	VFMADD231PS Y9, Y10, Y1
	VMOVUPS (AX), Y11
	VFMADD231PS Y8, Y11, Y2
	VFMADD231PS Y9, Y11, Y3
	VMOVUPS (BX), Y12
	VFMADD231PS Y8, Y12, Y4
	VFMADD231PS Y9, Y12, Y5
	VMOVUPS (R12), Y13
	VFMADD231PS Y8, Y13, Y6
	VFMADD231PS Y9, Y13, Y7
	ADDQ $32, SI
	ADDQ $32, AX
	ADDQ $32, BX
	ADDQ $32, R12
	ADDQ $32, DI
	ADDQ $32, R13
	DECQ CX
	JNZ  loopd

	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, 64(DX)
	VMOVUPS Y3, 96(DX)
	VMOVUPS Y4, 128(DX)
	VMOVUPS Y5, 160(DX)
	VMOVUPS Y6, 192(DX)
	VMOVUPS Y7, 224(DX)
	VZEROUPPER
	RET

// func tile4x8m(k int, a unsafe.Pointer, ai, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, ldc int, mask *[8]int32)
//
// tile4x16 for a tile 8 columns wide, of which only the lanes whose mask is all ones are read
// or written: the last n mod 16 columns, with no scalar loop and no read past C's or B's rows.
TEXT ·tile4x8m(SB), NOSPLIT, $0-72
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ai+16(FP), R8
	MOVQ ap+24(FP), R9
	MOVQ b+32(FP), DI
	MOVQ ldb+40(FP), R10
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R11
	MOVQ mask+64(FP), R14
	VMOVDQU (R14), Y15

	LEAQ (DX)(R11*1), R12
	LEAQ (R12)(R11*1), R13
	LEAQ (R13)(R11*1), R14
	VMASKMOVPS (DX), Y15, Y0
	VMASKMOVPS (R12), Y15, Y1
	VMASKMOVPS (R13), Y15, Y2
	VMASKMOVPS (R14), Y15, Y3

	LEAQ (SI)(R8*1), AX
	LEAQ (AX)(R8*1), BX
	LEAQ (BX)(R8*1), R12

loop4m:
	VMASKMOVPS (DI), Y15, Y8
	VBROADCASTSS (SI), Y10
	VFMADD231PS Y8, Y10, Y0
	VBROADCASTSS (AX), Y11
	VFMADD231PS Y8, Y11, Y1
	VBROADCASTSS (BX), Y12
	VFMADD231PS Y8, Y12, Y2
	VBROADCASTSS (R12), Y13
	VFMADD231PS Y8, Y13, Y3
	ADDQ R9, SI
	ADDQ R9, AX
	ADDQ R9, BX
	ADDQ R9, R12
	ADDQ R10, DI
	DECQ CX
	JNZ  loop4m

	LEAQ (DX)(R11*1), R12
	LEAQ (R12)(R11*1), R13
	LEAQ (R13)(R11*1), R14
	VMASKMOVPS Y0, Y15, (DX)
	VMASKMOVPS Y1, Y15, (R12)
	VMASKMOVPS Y2, Y15, (R13)
	VMASKMOVPS Y3, Y15, (R14)
	VZEROUPPER
	RET

// func tile1x8m(k int, a unsafe.Pointer, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, mask *[8]int32)
TEXT ·tile1x8m(SB), NOSPLIT, $0-56
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ap+16(FP), R9
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	MOVQ mask+48(FP), R14
	VMOVDQU (R14), Y15
	VMASKMOVPS (DX), Y15, Y0

loop1m:
	VMASKMOVPS (DI), Y15, Y8
	VBROADCASTSS (SI), Y10
	VFMADD231PS Y8, Y10, Y0
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNZ  loop1m

	VMASKMOVPS Y0, Y15, (DX)
	VZEROUPPER
	RET

// func dots1x1(k8 int, a unsafe.Pointer, b unsafe.Pointer, out *[8]float32)
//
// dots4x2 for one row of A and one of B: the same 8 partial sums, each lane's products added in
// the same order, so that an element of C outside the 4×2 tiles is the very float it is inside.
TEXT ·dots1x1(SB), NOSPLIT, $0-32
	MOVQ k8+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ out+24(FP), DX
	VXORPS Y0, Y0, Y0

loopd1:
	VMOVUPS (DI), Y8
	VMOVUPS (SI), Y10
	VFMADD231PS Y8, Y10, Y0
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loopd1

	VMOVUPS Y0, (DX)
	VZEROUPPER
	RET
