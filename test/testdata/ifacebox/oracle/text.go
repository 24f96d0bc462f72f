package oracle

import (
	"fmt"
	"strconv"
	"strings"
)

// Strings and slices: convTstring and convTslice allocate their 16- and 24-byte headers unless
// the string is empty or the slice nil (the inputs are neither). Other allocations in a case
// (building the string) are counted too; the bytes are compared only for one-allocation cases.

func caseStringVar() {
	sink["stringVar"] = word // want "convTstring"
}

func caseStringLocal() {
	s := word
	sink["stringLocal"] = s // want "convTstring"
}

func caseStringConcat() {
	sink["stringConcat"] = word + euro // want "convTstring"
}

func caseStringSlice() {
	sink["stringSlice"] = word[1:] // want "convTstring"
}

func caseItoa() {
	sink["itoa"] = strconv.Itoa(big) // want "convTstring"
}

func caseSprintf() {
	sink["sprintf"] = fmt.Sprintf("n=%d", big) // want "convTstring"
}

func caseStringsRepeat() {
	sink["stringsRepeat"] = strings.Repeat(word, 2) // want "convTstring"
}

func caseStringResult() {
	sink["stringResult"] = describe(origin) // want "convTstring"
}

func caseSecondResult() {
	_, s := pair(big, big)
	sink["secondResult"] = s // want "convTstring"
}

func caseByteSliceVar() {
	sink["byteSliceVar"] = bs // want "convTslice"
}

func caseStringSliceVar() {
	sink["stringSliceVar"] = words // want "convTslice"
}

func caseReslice() {
	sink["reslice"] = long[:10] // want "convTslice"
}

func caseStringToBytes() {
	sink["stringToBytes"] = []byte(word) // want "convTslice"
}

// A local assigned from a literal: as caseLocalFromLiteral, allocates up to Go 1.24 only.

func caseStringLocalFromLiteral() {
	s := "hello"
	sink["stringLocalFromLiteral"] = s // want "convTstring"
}

// Not allocating.

func caseEmptyStringConst() {
	sink["emptyStringConst"] = ""
}

func caseNilSliceConversion() {
	sink["nilSliceConversion"] = []byte(nil)
}

func caseStringConst() {
	sink["stringConst"] = "hello"
}

func caseStringConstConcat() {
	sink["stringConstConcat"] = "hello, " + "world"
}

func caseNil() {
	sink["nil"] = nil
}
