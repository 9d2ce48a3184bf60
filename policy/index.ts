// The ironflow CrossGuard policy pack. This module only constructs the pack
// (which starts the Analyzer gRPC server and prints its port); the policies
// live in ./policies so they can be imported without starting a server.
import { PolicyPack } from "@pulumi/policy";
import { ironflowPolicies, PACK_NAME } from "./policies";

new PolicyPack(PACK_NAME, {
  description: "Deploy-time guard rails for ironflow Claude Code agent pods.",
  policies: ironflowPolicies,
});
