#!/usr/bin/env node
// Validates JSON files against a JSON Schema (draft-07) with Debian's node-ajv.
//   NODE_PATH=/usr/share/nodejs node validate_schema.js SCHEMA FILE...
// Prints "FILE: valid" or "FILE: invalid" plus ajv's errors for each file;
// exits 0 when every file is valid, 1 when any is not, 2 on a usage or I/O error.
'use strict';
const fs = require('fs');
let Ajv;
try {
  Ajv = require('ajv');
} catch (e) {
  console.error('validate_schema: cannot load ajv (apt install node-ajv; NODE_PATH=/usr/share/nodejs)');
  process.exit(2);
}
const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: validate_schema.js SCHEMA FILE...');
  process.exit(2);
}
let validate;
try {
  const ajv = new Ajv({allErrors: true});
  validate = ajv.compile(JSON.parse(fs.readFileSync(args[0], 'utf8')));
} catch (e) {
  console.error('validate_schema: bad schema ' + args[0] + ': ' + e.message);
  process.exit(2);
}
let failed = false;
for (const file of args.slice(1)) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error('validate_schema: cannot read ' + file + ': ' + e.message);
    process.exit(2);
  }
  if (validate(data)) {
    console.log(file + ': valid');
  } else {
    failed = true;
    console.log(file + ': invalid ' + JSON.stringify(validate.errors));
  }
}
process.exit(failed ? 1 : 0);
