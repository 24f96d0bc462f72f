// The case list the measurement reads and the results it prints. Every field of a step is a
// fixed-size value so that recording a step allocates nothing (an allocation made while the map
// is being measured would be counted as the map's).
package main

// Case is one map type, size and operation sequence, measured Runs times on fresh maps.
type Case struct {
	ID    string   `json:"id"`
	Key   string   `json:"key"`
	Value string   `json:"value"`
	Hint  *int     `json:"hint,omitempty"`
	Ops   []string `json:"ops"`
	Runs  int      `json:"runs"`
}

// ClassicState is the hmap as read through unsafe (runtime/map.go, Go 1.11-1.23).
type ClassicState struct {
	Count     int    `json:"count"`
	B         int    `json:"B"`
	Noverflow int    `json:"noverflow"`
	Flags     int    `json:"flags"`
	Hash0     uint32 `json:"hash0"`
	// Buckets of the old array while growing: 2^(B-1), or 2^B for a same-size grow.
	OldBuckets   int  `json:"oldbuckets"`
	SameSizeGrow bool `json:"sameSizeGrow"`
	Nevacuate    int  `json:"nevacuate"`
	HasExtra     bool `json:"hasExtra"`
	// Overflow buckets chained from the main buckets: those inside the main array's
	// preallocated tail and those allocated apart.
	OverflowChained int `json:"overflowChained"`
	OverflowInArray int `json:"overflowInArray"`
	// Preallocated overflow buckets in the main array (-1 when it cannot be told).
	Prealloc int `json:"prealloc"`
	// Overflow buckets chained from the old array's buckets.
	OldOverflowChained int `json:"oldOverflowChained"`
	// Length of extra.overflow (pointer-free buckets keep every overflow bucket listed there).
	OverflowListLen int `json:"overflowListLen"`
	OverflowListCap int `json:"overflowListCap"`
	BucketSize      int `json:"bucketSize"`
}

// SwissState is the Map and its tables (internal/runtime/maps, Go 1.24+).
type SwissState struct {
	Used        int    `json:"used"`
	Seed        uint64 `json:"seed"`
	DirLen      int    `json:"dirLen"`
	GlobalDepth int    `json:"globalDepth"`
	Small       bool   `json:"small"`
	// Small map: whether its one group is allocated yet.
	GroupAllocated bool `json:"groupAllocated"`
	Tables         int  `json:"tables"`
	// Tables by capacity: CapHist[i] tables have capacity 1<<i.
	CapHist       [11]int `json:"capHist"`
	TableUsed     int     `json:"tableUsed"`
	GrowthLeft    int     `json:"growthLeft"`
	Tombstones    int     `json:"tombstones"`
	MinLocalDepth int     `json:"minLocalDepth"`
	MaxLocalDepth int     `json:"maxLocalDepth"`
	GroupSize     int     `json:"groupSize"`
	SlotSize      int     `json:"slotSize"`
}

// Step is the state after one op ("make" first).
type Step struct {
	Op    string `json:"op"`
	Bytes int64  `json:"bytes"`
	// Nil after "nil".
	Classic *ClassicState `json:"classic,omitempty"`
	Swiss   *SwissState   `json:"swiss,omitempty"`
	Nanos   int64         `json:"nanos"`
}

type Run struct {
	Steps []Step `json:"steps"`
}

type CaseResult struct {
	Case
	Error   string `json:"error,omitempty"`
	Results []Run  `json:"results"`
	Millis  int64  `json:"millis"`
}

type Output struct {
	GoVersion string       `json:"goVersion"`
	GOARCH    string       `json:"goarch"`
	Runtime   string       `json:"runtime"`
	Cases     []CaseResult `json:"cases"`
	Facts     interface{}  `json:"facts,omitempty"`
	Millis    int64        `json:"millis"`
}
