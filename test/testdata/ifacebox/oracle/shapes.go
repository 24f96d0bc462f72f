package oracle

// Pointer-shaped values are the interface's data word themselves: pointers, maps, channels, funcs,
// unsafe.Pointer, and structs or arrays of exactly one of these. Interface values need no
// conversion to a new box. None of these allocates.

func casePointerVar() {
	sink["pointerVar"] = pp
}

func caseAddressOfGlobal() {
	sink["addressOfGlobal"] = &big
}

func casePointerResult() {
	sink["pointerResult"] = current()
}

func caseMapValue() {
	sink["mapValue"] = counts
}

func caseChanValue() {
	sink["chanValue"] = ch
}

func caseFuncValue() {
	sink["funcValue"] = half
}

func caseUnsafePointer() {
	sink["unsafePointer"] = raw
}

func caseOnePointerStruct() {
	sink["onePointerStruct"] = onePtr{&big}
}

func caseOnePointerArray() {
	sink["onePointerArray"] = [1]*int{&big}
}

func caseInterfaceValue() {
	sink["interfaceValue"] = boxed
}

func caseErrorValue() {
	sink["errorValue"] = errEOF
}
