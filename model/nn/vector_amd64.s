//go:build !purego

#include "textflag.h"

// The AVX2 elementwise kernels (see vector_amd64.go). EXP8 is model/nn's expf (Cephes' expf:
// range reduction by ln 2 in two parts, a polynomial, 2ⁿ built in the exponent bits) in 8 lanes,
// operation for operation, so that a lane gives expf's very float for arguments in
// [-87.33654, 88.37626]; arguments outside are clamped to that range (about 1e-38 instead of 0
// below). It takes x in Y0 and leaves e^x there, using Y1–Y3.

DATA vconst<>+0(SB)/4, $0x3fb8aa3b
DATA vconst<>+4(SB)/4, $0x3fb8aa3b
DATA vconst<>+8(SB)/4, $0x3fb8aa3b
DATA vconst<>+12(SB)/4, $0x3fb8aa3b
DATA vconst<>+16(SB)/4, $0x3fb8aa3b
DATA vconst<>+20(SB)/4, $0x3fb8aa3b
DATA vconst<>+24(SB)/4, $0x3fb8aa3b
DATA vconst<>+28(SB)/4, $0x3fb8aa3b
DATA vconst<>+32(SB)/4, $0x3f000000
DATA vconst<>+36(SB)/4, $0x3f000000
DATA vconst<>+40(SB)/4, $0x3f000000
DATA vconst<>+44(SB)/4, $0x3f000000
DATA vconst<>+48(SB)/4, $0x3f000000
DATA vconst<>+52(SB)/4, $0x3f000000
DATA vconst<>+56(SB)/4, $0x3f000000
DATA vconst<>+60(SB)/4, $0x3f000000
DATA vconst<>+64(SB)/4, $0x3f318000
DATA vconst<>+68(SB)/4, $0x3f318000
DATA vconst<>+72(SB)/4, $0x3f318000
DATA vconst<>+76(SB)/4, $0x3f318000
DATA vconst<>+80(SB)/4, $0x3f318000
DATA vconst<>+84(SB)/4, $0x3f318000
DATA vconst<>+88(SB)/4, $0x3f318000
DATA vconst<>+92(SB)/4, $0x3f318000
DATA vconst<>+96(SB)/4, $0xb95e8083
DATA vconst<>+100(SB)/4, $0xb95e8083
DATA vconst<>+104(SB)/4, $0xb95e8083
DATA vconst<>+108(SB)/4, $0xb95e8083
DATA vconst<>+112(SB)/4, $0xb95e8083
DATA vconst<>+116(SB)/4, $0xb95e8083
DATA vconst<>+120(SB)/4, $0xb95e8083
DATA vconst<>+124(SB)/4, $0xb95e8083
DATA vconst<>+128(SB)/4, $0x39506967
DATA vconst<>+132(SB)/4, $0x39506967
DATA vconst<>+136(SB)/4, $0x39506967
DATA vconst<>+140(SB)/4, $0x39506967
DATA vconst<>+144(SB)/4, $0x39506967
DATA vconst<>+148(SB)/4, $0x39506967
DATA vconst<>+152(SB)/4, $0x39506967
DATA vconst<>+156(SB)/4, $0x39506967
DATA vconst<>+160(SB)/4, $0x3ab743ce
DATA vconst<>+164(SB)/4, $0x3ab743ce
DATA vconst<>+168(SB)/4, $0x3ab743ce
DATA vconst<>+172(SB)/4, $0x3ab743ce
DATA vconst<>+176(SB)/4, $0x3ab743ce
DATA vconst<>+180(SB)/4, $0x3ab743ce
DATA vconst<>+184(SB)/4, $0x3ab743ce
DATA vconst<>+188(SB)/4, $0x3ab743ce
DATA vconst<>+192(SB)/4, $0x3c088908
DATA vconst<>+196(SB)/4, $0x3c088908
DATA vconst<>+200(SB)/4, $0x3c088908
DATA vconst<>+204(SB)/4, $0x3c088908
DATA vconst<>+208(SB)/4, $0x3c088908
DATA vconst<>+212(SB)/4, $0x3c088908
DATA vconst<>+216(SB)/4, $0x3c088908
DATA vconst<>+220(SB)/4, $0x3c088908
DATA vconst<>+224(SB)/4, $0x3d2aa9c1
DATA vconst<>+228(SB)/4, $0x3d2aa9c1
DATA vconst<>+232(SB)/4, $0x3d2aa9c1
DATA vconst<>+236(SB)/4, $0x3d2aa9c1
DATA vconst<>+240(SB)/4, $0x3d2aa9c1
DATA vconst<>+244(SB)/4, $0x3d2aa9c1
DATA vconst<>+248(SB)/4, $0x3d2aa9c1
DATA vconst<>+252(SB)/4, $0x3d2aa9c1
DATA vconst<>+256(SB)/4, $0x3e2aaaaa
DATA vconst<>+260(SB)/4, $0x3e2aaaaa
DATA vconst<>+264(SB)/4, $0x3e2aaaaa
DATA vconst<>+268(SB)/4, $0x3e2aaaaa
DATA vconst<>+272(SB)/4, $0x3e2aaaaa
DATA vconst<>+276(SB)/4, $0x3e2aaaaa
DATA vconst<>+280(SB)/4, $0x3e2aaaaa
DATA vconst<>+284(SB)/4, $0x3e2aaaaa
DATA vconst<>+288(SB)/4, $0x3f000000
DATA vconst<>+292(SB)/4, $0x3f000000
DATA vconst<>+296(SB)/4, $0x3f000000
DATA vconst<>+300(SB)/4, $0x3f000000
DATA vconst<>+304(SB)/4, $0x3f000000
DATA vconst<>+308(SB)/4, $0x3f000000
DATA vconst<>+312(SB)/4, $0x3f000000
DATA vconst<>+316(SB)/4, $0x3f000000
DATA vconst<>+320(SB)/4, $0x3f800000
DATA vconst<>+324(SB)/4, $0x3f800000
DATA vconst<>+328(SB)/4, $0x3f800000
DATA vconst<>+332(SB)/4, $0x3f800000
DATA vconst<>+336(SB)/4, $0x3f800000
DATA vconst<>+340(SB)/4, $0x3f800000
DATA vconst<>+344(SB)/4, $0x3f800000
DATA vconst<>+348(SB)/4, $0x3f800000
DATA vconst<>+352(SB)/4, $0x0000007f
DATA vconst<>+356(SB)/4, $0x0000007f
DATA vconst<>+360(SB)/4, $0x0000007f
DATA vconst<>+364(SB)/4, $0x0000007f
DATA vconst<>+368(SB)/4, $0x0000007f
DATA vconst<>+372(SB)/4, $0x0000007f
DATA vconst<>+376(SB)/4, $0x0000007f
DATA vconst<>+380(SB)/4, $0x0000007f
DATA vconst<>+384(SB)/4, $0xc2aeac4f
DATA vconst<>+388(SB)/4, $0xc2aeac4f
DATA vconst<>+392(SB)/4, $0xc2aeac4f
DATA vconst<>+396(SB)/4, $0xc2aeac4f
DATA vconst<>+400(SB)/4, $0xc2aeac4f
DATA vconst<>+404(SB)/4, $0xc2aeac4f
DATA vconst<>+408(SB)/4, $0xc2aeac4f
DATA vconst<>+412(SB)/4, $0xc2aeac4f
DATA vconst<>+416(SB)/4, $0x42b0c0a5
DATA vconst<>+420(SB)/4, $0x42b0c0a5
DATA vconst<>+424(SB)/4, $0x42b0c0a5
DATA vconst<>+428(SB)/4, $0x42b0c0a5
DATA vconst<>+432(SB)/4, $0x42b0c0a5
DATA vconst<>+436(SB)/4, $0x42b0c0a5
DATA vconst<>+440(SB)/4, $0x42b0c0a5
DATA vconst<>+444(SB)/4, $0x42b0c0a5
DATA vconst<>+448(SB)/4, $0x41100000
DATA vconst<>+452(SB)/4, $0x41100000
DATA vconst<>+456(SB)/4, $0x41100000
DATA vconst<>+460(SB)/4, $0x41100000
DATA vconst<>+464(SB)/4, $0x41100000
DATA vconst<>+468(SB)/4, $0x41100000
DATA vconst<>+472(SB)/4, $0x41100000
DATA vconst<>+476(SB)/4, $0x41100000
DATA vconst<>+480(SB)/4, $0x40000000
DATA vconst<>+484(SB)/4, $0x40000000
DATA vconst<>+488(SB)/4, $0x40000000
DATA vconst<>+492(SB)/4, $0x40000000
DATA vconst<>+496(SB)/4, $0x40000000
DATA vconst<>+500(SB)/4, $0x40000000
DATA vconst<>+504(SB)/4, $0x40000000
DATA vconst<>+508(SB)/4, $0x40000000
DATA vconst<>+512(SB)/4, $0x7fffffff
DATA vconst<>+516(SB)/4, $0x7fffffff
DATA vconst<>+520(SB)/4, $0x7fffffff
DATA vconst<>+524(SB)/4, $0x7fffffff
DATA vconst<>+528(SB)/4, $0x7fffffff
DATA vconst<>+532(SB)/4, $0x7fffffff
DATA vconst<>+536(SB)/4, $0x7fffffff
DATA vconst<>+540(SB)/4, $0x7fffffff
DATA vconst<>+544(SB)/4, $0x80000000
DATA vconst<>+548(SB)/4, $0x80000000
DATA vconst<>+552(SB)/4, $0x80000000
DATA vconst<>+556(SB)/4, $0x80000000
DATA vconst<>+560(SB)/4, $0x80000000
DATA vconst<>+564(SB)/4, $0x80000000
DATA vconst<>+568(SB)/4, $0x80000000
DATA vconst<>+572(SB)/4, $0x80000000
DATA vconst<>+576(SB)/4, $0x3f200000
DATA vconst<>+580(SB)/4, $0x3f200000
DATA vconst<>+584(SB)/4, $0x3f200000
DATA vconst<>+588(SB)/4, $0x3f200000
DATA vconst<>+592(SB)/4, $0x3f200000
DATA vconst<>+596(SB)/4, $0x3f200000
DATA vconst<>+600(SB)/4, $0x3f200000
DATA vconst<>+604(SB)/4, $0x3f200000
DATA vconst<>+608(SB)/4, $0xbbbaf0ea
DATA vconst<>+612(SB)/4, $0xbbbaf0ea
DATA vconst<>+616(SB)/4, $0xbbbaf0ea
DATA vconst<>+620(SB)/4, $0xbbbaf0ea
DATA vconst<>+624(SB)/4, $0xbbbaf0ea
DATA vconst<>+628(SB)/4, $0xbbbaf0ea
DATA vconst<>+632(SB)/4, $0xbbbaf0ea
DATA vconst<>+636(SB)/4, $0xbbbaf0ea
DATA vconst<>+640(SB)/4, $0x3ca9134e
DATA vconst<>+644(SB)/4, $0x3ca9134e
DATA vconst<>+648(SB)/4, $0x3ca9134e
DATA vconst<>+652(SB)/4, $0x3ca9134e
DATA vconst<>+656(SB)/4, $0x3ca9134e
DATA vconst<>+660(SB)/4, $0x3ca9134e
DATA vconst<>+664(SB)/4, $0x3ca9134e
DATA vconst<>+668(SB)/4, $0x3ca9134e
DATA vconst<>+672(SB)/4, $0xbd5c1e2d
DATA vconst<>+676(SB)/4, $0xbd5c1e2d
DATA vconst<>+680(SB)/4, $0xbd5c1e2d
DATA vconst<>+684(SB)/4, $0xbd5c1e2d
DATA vconst<>+688(SB)/4, $0xbd5c1e2d
DATA vconst<>+692(SB)/4, $0xbd5c1e2d
DATA vconst<>+696(SB)/4, $0xbd5c1e2d
DATA vconst<>+700(SB)/4, $0xbd5c1e2d
DATA vconst<>+704(SB)/4, $0x3e088393
DATA vconst<>+708(SB)/4, $0x3e088393
DATA vconst<>+712(SB)/4, $0x3e088393
DATA vconst<>+716(SB)/4, $0x3e088393
DATA vconst<>+720(SB)/4, $0x3e088393
DATA vconst<>+724(SB)/4, $0x3e088393
DATA vconst<>+728(SB)/4, $0x3e088393
DATA vconst<>+732(SB)/4, $0x3e088393
DATA vconst<>+736(SB)/4, $0xbeaaaa99
DATA vconst<>+740(SB)/4, $0xbeaaaa99
DATA vconst<>+744(SB)/4, $0xbeaaaa99
DATA vconst<>+748(SB)/4, $0xbeaaaa99
DATA vconst<>+752(SB)/4, $0xbeaaaa99
DATA vconst<>+756(SB)/4, $0xbeaaaa99
DATA vconst<>+760(SB)/4, $0xbeaaaa99
DATA vconst<>+764(SB)/4, $0xbeaaaa99
GLOBL vconst<>(SB), RODATA|NOPTR, $768

#define EXP8 \
	VMAXPS vconst<>+384(SB), Y0, Y0 \
	VMINPS vconst<>+416(SB), Y0, Y0 \
	VMULPS vconst<>+0(SB), Y0, Y1 \
	VADDPS vconst<>+32(SB), Y1, Y1 \
	VROUNDPS $1, Y1, Y1 \
	VMULPS vconst<>+64(SB), Y1, Y2 \
	VSUBPS Y2, Y0, Y0 \
	VMULPS vconst<>+96(SB), Y1, Y2 \
	VSUBPS Y2, Y0, Y0 \
	VMULPS Y0, Y0, Y3 \
	VMOVUPS vconst<>+128(SB), Y2 \
	VMULPS Y0, Y2, Y2 \
	VADDPS vconst<>+160(SB), Y2, Y2 \
	VMULPS Y0, Y2, Y2 \
	VADDPS vconst<>+192(SB), Y2, Y2 \
	VMULPS Y0, Y2, Y2 \
	VADDPS vconst<>+224(SB), Y2, Y2 \
	VMULPS Y0, Y2, Y2 \
	VADDPS vconst<>+256(SB), Y2, Y2 \
	VMULPS Y0, Y2, Y2 \
	VADDPS vconst<>+288(SB), Y2, Y2 \
	VMULPS Y3, Y2, Y2 \
	VADDPS Y0, Y2, Y2 \
	VADDPS vconst<>+320(SB), Y2, Y2 \
	VCVTTPS2DQ Y1, Y3 \
	VPADDD vconst<>+352(SB), Y3, Y3 \
	VPSLLD $23, Y3, Y3 \
	VMULPS Y3, Y2, Y0

// func expsub8(n8 int, x *float32, m float32, sums *[8]float64)
//
// x[i] = e^(x[i] - m) for the first 8·n8 floats (n8 ≥ 1), leaving in sums the lanes' sums in
// float64: lanes 0–3 of each 8 floats in sums[0:4], lanes 4–7 in sums[4:8].
TEXT ·expsub8(SB), NOSPLIT, $0-32
	MOVQ n8+0(FP), CX
	MOVQ x+8(FP), SI
	VBROADCASTSS m+16(FP), Y7
	MOVQ sums+24(FP), DX
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6

loopexp:
	VMOVUPS (SI), Y0
	VSUBPS Y7, Y0, Y0
	EXP8
	VMOVUPS Y0, (SI)
	VCVTPS2PD X0, Y1
	VADDPD Y1, Y5, Y5
	VEXTRACTF128 $1, Y0, X1
	VCVTPS2PD X1, Y1
	VADDPD Y1, Y6, Y6
	ADDQ $32, SI
	DECQ CX
	JNZ  loopexp

	VMOVUPD Y5, (DX)
	VMOVUPD Y6, 32(DX)
	VZEROUPPER
	RET

// TANH8 is model/nn's tanhf in 8 lanes (an odd polynomial below 0.625, 1 − 2/(e^2|x| + 1) with
// x's sign above, and ±1 past |x| = 9): it takes x in Y4, which it keeps, and leaves tanh x in
// Y0, using Y1–Y5.
#define TANH8 \
	VANDPS vconst<>+512(SB), Y4, Y5 \
	VMINPS vconst<>+448(SB), Y5, Y0 \
	VADDPS Y0, Y0, Y0 \
	EXP8 \
	VADDPS vconst<>+320(SB), Y0, Y0 \
	VMOVUPS vconst<>+480(SB), Y1 \
	VDIVPS Y0, Y1, Y1 \
	VMOVUPS vconst<>+320(SB), Y0 \
	VSUBPS Y1, Y0, Y0 \
	VCMPPS $14, vconst<>+448(SB), Y5, Y1 \
	VBLENDVPS Y1, vconst<>+320(SB), Y0, Y0 \
	VANDPS vconst<>+544(SB), Y4, Y1 \
	VORPS Y1, Y0, Y0 \
	VMULPS Y4, Y4, Y1 \
	VMOVUPS vconst<>+608(SB), Y2 \
	VMULPS Y1, Y2, Y2 \
	VADDPS vconst<>+640(SB), Y2, Y2 \
	VMULPS Y1, Y2, Y2 \
	VADDPS vconst<>+672(SB), Y2, Y2 \
	VMULPS Y1, Y2, Y2 \
	VADDPS vconst<>+704(SB), Y2, Y2 \
	VMULPS Y1, Y2, Y2 \
	VADDPS vconst<>+736(SB), Y2, Y2 \
	VMULPS Y1, Y2, Y2 \
	VMULPS Y4, Y2, Y2 \
	VADDPS Y4, Y2, Y2 \
	VCMPPS $1, vconst<>+576(SB), Y5, Y3 \
	VBLENDVPS Y3, Y2, Y0, Y0

// func tanhdot8(n int, a8 int, pk *float32, stride int, pq, v, out *float32)
//
// For each of n ≥ 1 rows of pk (stride bytes apart), out[i] = Σ_a v[a]·tanh(pk[i][a] + pq[a])
// over the first 8·a8 floats (a8 ≥ 1): tanh is model/nn's tanhf (an odd polynomial below 0.625,
// 1 − 2/(e^2|x| + 1) with x's sign above, and ±1 past |x| = 9) in 8 lanes, and the lanes' sums are
// added at the row's end, high half to low, then in pairs.
TEXT ·tanhdot8(SB), NOSPLIT, $0-56
	MOVQ n+0(FP), R9
	MOVQ a8+8(FP), R10
	MOVQ pk+16(FP), R8
	MOVQ stride+24(FP), R11
	MOVQ pq+32(FP), R12
	MOVQ v+40(FP), R13
	MOVQ out+48(FP), DX

looprow:
	MOVQ R8, SI
	MOVQ R12, DI
	MOVQ R13, BX
	MOVQ R10, CX
	VXORPS Y8, Y8, Y8

looptanh:
	VMOVUPS (SI), Y4
	VADDPS (DI), Y4, Y4
	TANH8
	VMULPS (BX), Y0, Y0
	VADDPS Y0, Y8, Y8
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, BX
	DECQ CX
	JNZ  looptanh

	VEXTRACTF128 $1, Y8, X9
	VADDPS X9, X8, X8
	VHADDPS X8, X8, X8
	VHADDPS X8, X8, X8
	VMOVSS X8, (DX)
	ADDQ $4, DX
	ADDQ R11, R8
	DECQ R9
	JNZ  looprow
	VZEROUPPER
	RET

// SIGMOID8 is model/nn's sigmoidf, 1/(1 + expf(−x)), in 8 lanes: it takes x in Y0 and leaves
// the sigmoid in dst, using Y0–Y3.
#define SIGMOID8(dst) \
	VXORPS vconst<>+544(SB), Y0, Y0 \
	EXP8 \
	VADDPS vconst<>+320(SB), Y0, Y0 \
	VMOVUPS vconst<>+320(SB), dst \
	VDIVPS Y0, dst, dst

// func lstmrow8(n8 int, zi, zf, zc, zo, cp, c, h, tc *float32)
//
// One row of the LSTM cell over its first 8·n8 units (n8 ≥ 1): the gates i, f, o = σ(z) and
// g = tanh(z) over z in place, then c = f·c₋ + i·g, tc = tanh c and h = o·tc. cp may be c: each
// lane reads c₋ before it writes c.
TEXT ·lstmrow8(SB), NOSPLIT, $0-72
	MOVQ n8+0(FP), CX
	MOVQ zi+8(FP), AX
	MOVQ zf+16(FP), BX
	MOVQ zc+24(FP), SI
	MOVQ zo+32(FP), DX
	MOVQ cp+40(FP), DI
	MOVQ c+48(FP), R8
	MOVQ h+56(FP), R9
	MOVQ tc+64(FP), R10

looplstm:
	VMOVUPS (AX), Y0
	SIGMOID8(Y10)
	VMOVUPS Y10, (AX)
	VMOVUPS (BX), Y0
	SIGMOID8(Y11)
	VMOVUPS Y11, (BX)
	VMOVUPS (DX), Y0
	SIGMOID8(Y13)
	VMOVUPS Y13, (DX)
	VMOVUPS (SI), Y4
	TANH8
	VMOVUPS Y0, (SI)
	VMULPS (DI), Y11, Y1
	VMULPS Y0, Y10, Y2
	VADDPS Y2, Y1, Y4
	VMOVUPS Y4, (R8)
	TANH8
	VMOVUPS Y0, (R10)
	VMULPS Y0, Y13, Y0
	VMOVUPS Y0, (R9)
	ADDQ $32, AX
	ADDQ $32, BX
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	ADDQ $32, R8
	ADDQ $32, R9
	ADDQ $32, R10
	DECQ CX
	JNZ  looplstm
	VZEROUPPER
	RET

// func rmsprop8(n8 int, p, grad, ms *float32, lr, rho, omr, eps float32)
//
// RMSprop over the first 8·n8 parameters (n8 ≥ 1), operation for operation as GoVector's:
// ms = ρ·ms + ((1−ρ)·g)·g, p −= (lr·g) / (√ms + ε), each rounded to float32 (no fused
// multiply-add), so that every lane is GoVector's very float.
TEXT ·rmsprop8(SB), NOSPLIT, $0-48
	MOVQ n8+0(FP), CX
	MOVQ p+8(FP), DI
	MOVQ grad+16(FP), SI
	MOVQ ms+24(FP), DX
	VBROADCASTSS lr+32(FP), Y7
	VBROADCASTSS rho+36(FP), Y8
	VBROADCASTSS omr+40(FP), Y9
	VBROADCASTSS eps+44(FP), Y10

looprms:
	VMOVUPS (SI), Y0
	VMULPS (DX), Y8, Y1
	VMULPS Y0, Y9, Y2
	VMULPS Y0, Y2, Y2
	VADDPS Y2, Y1, Y1
	VMOVUPS Y1, (DX)
	VSQRTPS Y1, Y1
	VADDPS Y10, Y1, Y1
	VMULPS Y0, Y7, Y2
	VDIVPS Y1, Y2, Y2
	VMOVUPS (DI), Y3
	VSUBPS Y2, Y3, Y3
	VMOVUPS Y3, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, DX
	DECQ CX
	JNZ  looprms
	VZEROUPPER
	RET

// func sumsq8(n8 int, x *float32, sums *[8]float64)
//
// The squares of the first 8·n8 floats (n8 ≥ 1), each exact in float64, summed in 8 float64
// lanes: lanes 0–3 of each 8 floats in sums[0:4], lanes 4–7 in sums[4:8].
TEXT ·sumsq8(SB), NOSPLIT, $0-24
	MOVQ n8+0(FP), CX
	MOVQ x+8(FP), SI
	MOVQ sums+16(FP), DX
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6

loopsq:
	VMOVUPS (SI), X0
	VMOVUPS 16(SI), X1
	VCVTPS2PD X0, Y0
	VCVTPS2PD X1, Y1
	VFMADD231PD Y0, Y0, Y5
	VFMADD231PD Y1, Y1, Y6
	ADDQ $32, SI
	DECQ CX
	JNZ  loopsq

	VMOVUPD Y5, (DX)
	VMOVUPD Y6, 32(DX)
	VZEROUPPER
	RET

// func add8(n8 int, dst, src *float32)
//
// dst += src over the first 8·n8 floats (n8 ≥ 1): each lane GoVector's very sum.
TEXT ·add8(SB), NOSPLIT, $0-24
	MOVQ n8+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI

loopadd:
	VMOVUPS (DI), Y0
	VADDPS (SI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loopadd
	VZEROUPPER
	RET
