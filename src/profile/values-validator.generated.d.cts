// The type of values-validator.generated.cjs, ajv's standalone code for values-schema.json.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export = validate;
