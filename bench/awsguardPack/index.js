// Every awsguard policy, mandatory; run by the engine's run-policy-pack like any pack.
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "mandatory" });
