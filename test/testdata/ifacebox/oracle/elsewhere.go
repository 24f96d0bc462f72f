package oracle

// Other maps with interface values: interface{} spelled out, int keys, a named map type, a
// struct field, non-empty interfaces (error, a local Stringer-like one), and map composite
// literals assigned to a package variable. A composite literal case also allocates the map
// itself; the test subtracts what baseLiteral allocates (the same literal holding nil).

func caseInterfaceMap() {
	sinkI["interfaceMap"] = big // want "convT64"
}

func caseIntKey() {
	byNumber[1] = word // want "convTstring"
}

func caseNamedMapType() {
	bagSink["namedMapType"] = f // want "convT64"
}

func caseFieldMap() {
	holder.m["fieldMap"] = big // want "convT64"
}

func caseErrorMap() {
	errs["errorMap"] = codeError{big} // want "convT64"
}

func caseStringerMap() {
	names["stringerMap"] = temp // want "convT64"
}

func caseLiteralInt() {
	litSink = map[string]any{"literalInt": big} // want "convT64"
}

func caseLiteralString() {
	litSink = map[string]any{"literalString": word} // want "convTstring"
}

func caseLiteralStruct() {
	litSink = map[string]interface{}{"literalStruct": point{big, 1}} // want "convTnoptr"
}

// Not allocating.

func caseInterfaceMapBool() {
	sinkI["interfaceMapBool"] = flag
}

func caseIntKeyPointer() {
	byNumber[2] = pp
}

func caseErrorMapPointer() {
	errs["errorMapPointer"] = errPtr
}

func caseStringerMapPointer() {
	names["stringerMapPointer"] = pp
}

func caseLiteralConst() {
	litSink = map[string]any{"literalConst": 100000}
}

func caseLiteralPointer() {
	litSink = map[string]any{"literalPointer": pp}
}

func baseLiteral() {
	litSink = map[string]any{"base": nil}
}

type codeError struct{ code int }

func (e codeError) Error() string { return "code" }
