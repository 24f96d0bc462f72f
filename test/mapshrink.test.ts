// mapshrink on the Go fixtures of test/testdata/mapshrink (see test/analysistest.ts), and its fixes.
import * as assert from 'assert';
import * as path from 'path';
import { analysisTest, analyzePackage, TESTDATA } from './analysistest';

analysisTest('mapshrink');
