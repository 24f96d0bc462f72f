package views

// The go command ignores files whose names start with _ or .: this release never runs.
func init() {
	scratchOnly = nil
}
