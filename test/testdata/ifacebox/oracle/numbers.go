package oracle

import "time"

// Numbers: convT16, convT32 and convT64 allocate for values of 256 and more (and negative ones);
// one byte and bool never allocate (staticuint64s); constants never allocate (read-only data).

func caseIntVar() {
	sink["intVar"] = big // want "convT64"
}

func caseIntNegative() {
	sink["intNegative"] = neg // want "convT64"
}

func caseIntLocal() {
	n := big + 1
	sink["intLocal"] = n // want "convT64"
}

func caseInt64Var() {
	sink["int64Var"] = big64 // want "convT64"
}

func caseUint64Var() {
	sink["uint64Var"] = ubig // want "convT64"
}

func caseInt64Conversion() {
	sink["int64Conversion"] = int64(big) // want "convT64"
}

func caseFloatVar() {
	sink["floatVar"] = f // want "convT64"
}

func caseFloatArithmetic() {
	sink["floatArithmetic"] = f * 3 // want "convT64"
}

func caseIntFromFloat() {
	sink["intFromFloat"] = int(f * 1000) // want "convT64"
}

func caseInt32Var() {
	sink["int32Var"] = i32 // want "convT32"
}

func caseFloat32Var() {
	sink["float32Var"] = f32 // want "convT32"
}

func caseInt16Var() {
	sink["int16Var"] = i16 // want "convT16"
}

func caseNamedInt() {
	sink["namedInt"] = temp // want "convT64"
}

func caseDuration() {
	sink["duration"] = time.Duration(big) * time.Millisecond // want "convT64"
}

func caseLenOfLong() {
	sink["lenOfLong"] = len(long) // want "convT64"
}

func caseMethodResult() {
	sink["methodResult"] = c.value() // want "convT64"
}

func caseFunctionResult() {
	sink["functionResult"] = half(big) // want "convT64"
}

func caseRangeValue() {
	for _, v := range bigs {
		sink["rangeValue"] = v // want "convT64"
	}
}

func caseRangeRune() {
	for _, r := range euro {
		sink["rangeRune"] = r // want "convT32"
	}
}

func caseParameter() {
	storeParameter(big)
}

func storeParameter(n int) {
	sink["parameter"] = n * 2 // want "convT64"
}

func caseFuncLiteralParameter() {
	func(x float64) {
		sink["funcLiteralParameter"] = x // want "convT64"
	}(f)
}

// A local assigned from a literal: allocates up to Go 1.24; from Go 1.25 the compiler keeps
// such a value in read-only data (golang/go#71359; AllocsPerRun 1 with go1.24.10, 0 with go1.25.0).

func caseLocalFromLiteral() {
	n := 1000
	sink["localFromLiteral"] = n // want "convT64"
}

// Not allocating.

func caseBoolConst() {
	sink["boolConst"] = true
}

func caseZeroFloatConst() {
	sink["zeroFloatConst"] = 0.0
}

func caseNegativeInt8Const() {
	sink["negativeInt8Const"] = int8(-1)
}

func caseBoolVar() {
	sink["boolVar"] = flag
}

func caseBoolExpression() {
	sink["boolExpression"] = big > 10
}

func caseBoolMethod() {
	sink["boolMethod"] = c.positive()
}

func caseByteVar() {
	sink["byteVar"] = b1
}

func caseUint8Conversion() {
	sink["uint8Conversion"] = uint8(big)
}

func caseInt8Var() {
	sink["int8Var"] = i8
}

func caseSmallConst() {
	sink["smallConst"] = 42
}

func caseBigConst() {
	sink["bigConst"] = 100000
}

func caseNamedConst() {
	sink["namedConst"] = limit
}

func caseConstExpression() {
	sink["constExpression"] = 1 << 40
}

func caseFloatConst() {
	sink["floatConst"] = 3.5
}

func caseTypedConst() {
	sink["typedConst"] = timeout
}

func caseStdlibConst() {
	sink["stdlibConst"] = time.Second
}

func caseRuneConst() {
	sink["runeConst"] = '€'
}

const limit = 100000

const timeout = 5 * time.Second
