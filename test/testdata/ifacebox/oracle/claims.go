package oracle

// Values that look like they allocate but never do, each a wrong claim found on real code
// (bench/realworld/labels): a local that is provably nil, zero or empty at the store, a range
// index below 256, constants of another package of the module and of the standard library.
// The rule must classify each as not allocating; the oracle measures 0 allocations.

import (
	"net/http"
	"time"

	"example.com/oracle/consts"
)

func caseNilSliceLocal() {
	var s []byte
	sink["nilSliceLocal"] = s
}

func caseTypedNilLocal() {
	s := bytesT(nil)
	sink["typedNilLocal"] = s
}

type bytesT []byte

func caseZeroIntLocal() {
	var n int
	sink["zeroIntLocal"] = n
}

func caseEmptySubstring() {
	sink["emptySubstring"] = word[:0]
}

func caseRangeIndexOfLiteral() {
	for i := range []string{"only"} {
		sink["rangeIndexOfLiteral"] = i
	}
}

func caseOtherPackageConst() {
	sink["otherPackageConst"] = int64(consts.Limit)
}

func caseOtherPackageTypedConst() {
	sink["otherPackageTypedConst"] = consts.Big
}

func caseOtherPackageConversion() {
	sink["otherPackageConversion"] = consts.Kind(300)
}

func caseStdConstExpr() {
	sink["stdConstExpr"] = http.StatusOK * 1000
}

func caseStdTypeConversion() {
	sink["stdTypeConversion"] = time.Duration(0)
}

// Slicing a local array makes it escape: the store costs the array's heap copy and the slice
// header's box, two allocations (the message says so).
func caseLocalArraySlice() {
	a := [4]float32{f32, f32, f32, f32}
	sink["localArraySlice"] = a[:] // want "convTslice.*one more allocation"
}
