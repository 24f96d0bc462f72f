// ifacebox on the Go fixtures of test/testdata/ifacebox (see test/analysistest.ts), the store
// sites it classifies, and its severities in and outside loops through the LSP diagnostics.
import { analysisTest } from './analysistest';

analysisTest('ifacebox');
