// rangeclear on the Go fixtures of test/testdata/rangeclear (see test/analysistest.ts).
import { analysisTest } from './analysistest';

analysisTest('rangeclear');
