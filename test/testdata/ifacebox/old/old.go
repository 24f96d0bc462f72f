package old

type point struct{ X, Y int }

var sink = map[string]any{}

// Before Go 1.25 only constants themselves are read-only data: a local holding one, and a struct
// literal even of constants, allocate (measured with Go 1.19.8 .. 1.24.10, docs/rules/ifacebox.md).
func once() {
	v := 1000
	sink["v"] = v               // want `storing v \(int\) in a map\[string\]any value allocates: runtime\.convT64, 8 B per store on Go 1\.24`
	sink["lit"] = point{1, 2}   // want `runtime\.convTnoptr, 16 B per store on Go 1\.24`
	sink["const"] = 1000        // a constant
	sink["big"] = [80]int{1}    // want `runtime\.convTnoptr, 640 B per store on Go 1\.24`
	sink["ptrs"] = [80]*point{} // want `runtime\.convT, 704 B per store on Go 1\.24`
}
