/**
 * Expected values several tests assert, written out literally (never imported from the code under
 * test, so that a change to the code's own lists fails the tests).
 */

/** The DynamoDB read actions a table grant must give, in the order the documents list them. */
export const EXPECTED_DYNAMODB_READ = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PartiQLSelect",
    "dynamodb:Query",
    "dynamodb:Scan",
];

/** The DynamoDB write actions a read-write grant adds after the reads. */
export const EXPECTED_DYNAMODB_WRITE = [
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PartiQLDelete",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];
