// Command measure measures real Go maps: heap bytes after GC over a baseline and the map's
// internal structure read through unsafe, after each operation of each case.
//
//	measure < cases.json > results.json    (cases: {"cases": [Case...]})
//	measure -facts > facts.json            (behaviour probes: tombstone pruning, Clear seeds, 9th write)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	facts := flag.Bool("facts", false, "run the behaviour probes instead of a case list")
	flag.Parse()
	runtime.GOMAXPROCS(1) // one P: no other mcache, no parallel GC workers racing the reading
	settle()              // start the GC machinery before any baseline
	start := time.Now()
	out := Output{GoVersion: runtime.Version(), GOARCH: runtime.GOARCH, Runtime: runtimeName}
	if *facts {
		out.Facts = probeFacts()
	} else {
		var in struct {
			Cases []Case `json:"cases"`
		}
		if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
			fmt.Fprintln(os.Stderr, "measure: reading cases:", err)
			os.Exit(2)
		}
		// One discarded run of the first case: under a busy machine the first run of a process
		// has shown 8-16 bytes from one-time runtime work that the baseline did not absorb.
		if len(in.Cases) > 0 {
			if run := registry[pairKey{in.Cases[0].Key, in.Cases[0].Value}]; run != nil {
				warm := in.Cases[0]
				warm.Runs = 1
				run(warm)
			}
		}
		for _, c := range in.Cases {
			run := registry[pairKey{c.Key, c.Value}]
			if run == nil {
				out.Cases = append(out.Cases, CaseResult{Case: c, Error: "map[" + c.Key + "]" + c.Value + " is not in validation/cmd/measure/types.go"})
				continue
			}
			out.Cases = append(out.Cases, run(c))
		}
	}
	out.Millis = time.Since(start).Milliseconds()
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}
