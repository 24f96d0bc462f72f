package oracle

import "time"

// Structs and arrays: convTnoptr (no pointers) and convT (pointers) allocate. A constant composite
// literal such as point{1, 2} allocates up to Go 1.24 only: from Go 1.25 the compiler puts it in
// read-only data (golang/go#71359; measured 1 allocs/op with go1.24.10, 0 with go1.25.0).

func caseStructOfVars() {
	sink["structOfVars"] = point{big, big} // want "convTnoptr"
}

func caseStructConstLiteral() {
	sink["structConstLiteral"] = point{1, 2} // want "convTnoptr"
}

func caseStructVar() {
	sink["structVar"] = origin // want "convTnoptr"
}

func caseDereference() {
	sink["dereference"] = *pp // want "convTnoptr"
}

func caseThreeInts() {
	sink["threeInts"] = triple{big, big, big} // want "convTnoptr"
}

func caseArrayOfVars() {
	sink["arrayOfVars"] = [2]int{big, big} // want "convTnoptr"
}

func caseComplex() {
	sink["complex"] = complex(f, f) // want "convTnoptr"
}

func casePointerAndInt() {
	sink["pointerAndInt"] = ptrAndInt{&big, big} // want "convT\\b"
}

func caseTimeNow() {
	sink["timeNow"] = time.Now() // want "convT\\b"
}

func caseOneStringStruct() {
	sink["oneStringStruct"] = oneString{word} // want "convTstring"
}

func caseOneIntStruct() {
	sink["oneIntStruct"] = c // want "convT64"
}

// Not allocating: zero-sized values use runtime.zerobase; a struct of one bool is one byte.

func caseEmptyStruct() {
	sink["emptyStruct"] = struct{}{}
}

func caseZeroLengthArray() {
	sink["zeroLengthArray"] = [0]int{}
}

func caseOneBoolStruct() {
	sink["oneBoolStruct"] = oneBool{flag}
}
