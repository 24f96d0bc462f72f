// The entry point VS Code's extension host loads from extensionTestsPath (as with
// @vscode/test-electron): run the mocha tests next to this file inside the host and settle with
// the result; the workbench then reports the exit code through window.codeAutomationExit.
'use strict';
const path = require('path');
// mocha 12 exports the class as a named export.
const { Mocha } = require('mocha');

exports.run = async function run() {
  // No colours: the output travels through the browser console into the outer test's log.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  await mocha.loadFilesAsync();
  await new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
  });
};
