import { describe, expect, it } from "vitest";
import { accepted, configValues, onlyProblem, problemsOf } from "./configValues";

describe("protection", () => {
    it("allows forceDestroy in dev", () => {
        const { settings } = accepted(configValues("dev", { protection: { forceDestroy: true } }), "dev");
        expect(settings.protection.forceDestroy).toBe(true);
    });

    it("refuses forceDestroy outside dev", () => {
        for (const env of ["staging", "prod"]) {
            expect(onlyProblem(configValues(env, { protection: { forceDestroy: true } }), env)).toBe(
                `trailguard:protection.forceDestroy: got true, expected false in ${env}: forceDestroy empties the audit buckets on destroy and is only allowed in dev`,
            );
        }
    });

    it("refuses forceDestroy with a COMPLIANCE lock even in dev", () => {
        const values = configValues("dev", {
            protection: { forceDestroy: true },
            retention: { objectLock: { mode: "COMPLIANCE", days: 30 } },
        });
        expect(onlyProblem(values)).toBe(
            "trailguard:protection.forceDestroy: got true, expected false with retention.objectLock.mode COMPLIANCE: nobody can delete objects under a COMPLIANCE lock, so destroy would fail anyway",
        );
    });

    it("keeps prod's evidence protected and retained", () => {
        const problems = problemsOf(configValues("prod", { protection: { protect: false, retainOnDelete: false } }), "prod");
        expect(problems).toEqual([
            "trailguard:protection.protect: got false, expected true in prod: the bucket, key, log group and trail hold audit evidence (to decommission, run 'pulumi state unprotect' deliberately)",
            "trailguard:protection.retainOnDelete: got false, expected true in prod: the bucket, key, log group and trail hold audit evidence (to decommission, run 'pulumi state unprotect' deliberately)",
        ]);
    });

    it("lets staging opt into protection", () => {
        const { settings } = accepted(configValues("staging", { protection: { protect: true, retainOnDelete: true } }), "staging");
        expect(settings.protection).toEqual({ protect: true, retainOnDelete: true, forceDestroy: false });
    });
});

describe("stack name and environment", () => {
    it("refuses a stack named after one environment that declares another", () => {
        expect(onlyProblem(configValues("dev"), "prod")).toBe(
            'trailguard:environment: got "dev", expected "prod" for stack "prod": a stack named after an environment must use that environment\'s defaults',
        );
    });

    it("lets any other stack name choose its environment", () => {
        expect(accepted(configValues("prod"), "prod-eu-central-1").settings.environment).toBe("prod");
        expect(accepted(configValues("dev"), "alice").settings.environment).toBe("dev");
    });
});
