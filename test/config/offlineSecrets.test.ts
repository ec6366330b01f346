// `secure:` values cannot be decrypted offline. A stack whose notification endpoints are secrets
// must still render and check offline, while a real run keeps validating what they decrypt to.
// Offline is an option of the validator, set by the renderer through the Pulumi binding
// (renderOffline()), never by the environment.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { isSecret } from "../../cli/mockEngine/renderedStackFormat";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { trailguardRoot } from "../../cli/trailguardRoot";
import { Findings } from "../../config/findings";
import { SECRET_PLACEHOLDER } from "../../config/offlineSecrets";
import { checkNoDuplicates } from "../../config/rules/duplicates";
import { checkConfig, ConfigValidationError } from "../../config/validateConfig";
import { configValues, problemsOf } from "./configValues";

const root = trailguardRoot();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-secrets-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Where the placeholder stands for a secret of a fixed format, and what the real run expects there. */
const SECRET_KEYS = {
    notifications: {
        email: [SECRET_PLACEHOLDER],
        https: [SECRET_PLACEHOLDER],
        sqs: [SECRET_PLACEHOLDER],
        lambda: [SECRET_PLACEHOLDER],
    },
    trail: { name: SECRET_PLACEHOLDER, dataEvents: { s3: [SECRET_PLACEHOLDER], lambda: [SECRET_PLACEHOLDER] } },
    alarms: { namespace: SECRET_PLACEHOLDER },
};
const REJECTED_ONLINE = [
    'trailguard:trail.name: got "[secret]", expected a trail name: 3-128 letters, digits, \'.\', \'_\' or \'-\', starting and ending with a letter or digit',
    'trailguard:trail.dataEvents.s3[0]: got "[secret]", expected an S3 bucket or prefix ARN (arn:aws:s3:::<bucket> or arn:aws:s3:::<bucket>/<prefix>/)',
    'trailguard:trail.dataEvents.lambda[0]: got "[secret]", expected a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
    'trailguard:alarms.namespace: got "[secret]", expected a CloudWatch namespace (letters, digits, . _ - / # : space; not starting with AWS/)',
    'trailguard:notifications.email[0]: got "[secret]", expected an email address',
    'trailguard:notifications.https[0]: got "[secret]", expected an https:// URL',
    'trailguard:notifications.sqs[0]: got "[secret]", expected an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)',
    'trailguard:notifications.lambda[0]: got "[secret]", expected a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
];

describe("secret notification endpoints", () => {
    it("render offline: each secret stands for a value the real run validates", async () => {
        const file = path.join(dir, "Pulumi.dev.yaml");
        fs.writeFileSync(
            file,
            [
                "config:",
                "  aws:region: eu-west-1",
                "  trailguard:environment: dev",
                "  trailguard:notifications:",
                "    https:",
                "      - secure: AAABAHqmZ3NlY3JldC1wYWdlcmR1dHktdXJs",
                "      - secure: AAABAHqmZ3NlY3JldC1vcHNnZW5pZS11cmw=",
                "    email:",
                "      - security@example.com",
                "",
            ].join("\n"),
        );
        const project = { ...readPulumiProject(root), main: path.join(root, "dist", "index.js"), typescript: false };
        const rendered = await renderStack(project, file, "dev");
        const subscriptions = rendered.resources.filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription");
        // HTTPS endpoints stay secret in the state; the two placeholders still make two subscriptions.
        const endpoints = subscriptions.map((r) => {
            const endpoint = r.inputs["endpoint"];
            return [r.inputs["protocol"], isSecret(endpoint) ? { secret: endpoint.value } : endpoint];
        });
        expect(endpoints).toEqual(
            expect.arrayContaining([
                ["https", { secret: SECRET_PLACEHOLDER }],
                ["https", { secret: SECRET_PLACEHOLDER }],
                ["email", "security@example.com"],
            ]),
        );
        expect(new Set(subscriptions.map((r) => r.urn)).size).toBe(subscriptions.length);
    });

    it("outside an offline render, the placeholder is just a malformed value", () => {
        const problems = problemsOf(configValues("dev", { notifications: { https: [SECRET_PLACEHOLDER] } }));
        expect(problems).toEqual(['trailguard:notifications.https[0]: got "[secret]", expected an https:// URL']);
    });
});

describe("the validator's offlineSecrets option", () => {
    it("without it, the placeholder is rejected wherever a value must have a format", () => {
        expect(problemsOf(configValues("dev", SECRET_KEYS))).toEqual(REJECTED_ONLINE);
    });

    it("with it, the placeholder is accepted there, and passed on as the value", () => {
        const { settings } = checkConfig(configValues("dev", SECRET_KEYS), "test", { offlineSecrets: true });
        expect(settings.notifications.https).toEqual([SECRET_PLACEHOLDER]);
        expect(settings.trail.name).toBe(SECRET_PLACEHOLDER);
        expect(settings.alarms.namespace).toBe(SECRET_PLACEHOLDER);
    });

    it("with it, two placeholders are two secrets, not one value listed twice", () => {
        const twoSecrets = configValues("dev", { notifications: { https: [SECRET_PLACEHOLDER, SECRET_PLACEHOLDER] } });
        expect(checkConfig(twoSecrets, "test", { offlineSecrets: true }).settings.notifications.https).toHaveLength(2);
        // The rule itself, without the option: the same text twice is a duplicate like any other.
        const raw = { notifications: { https: [SECRET_PLACEHOLDER, SECRET_PLACEHOLDER] } };
        const online = new Findings(raw, "dev");
        checkNoDuplicates(["notifications", "https"], raw.notifications.https, online);
        expect(online.problems).toEqual([
            'trailguard:notifications.https[1]: got "[secret]", expected each value once; it is already listed at [0]',
        ]);
        const offline = new Findings(raw, "dev", true);
        checkNoDuplicates(["notifications", "https"], raw.notifications.https, offline);
        expect(offline.problems).toEqual([]);
    });

    it("with it, a value the user wrote is still validated", () => {
        const values = configValues("dev", { notifications: { email: ["ops@"] } });
        let error: unknown;
        try {
            checkConfig(values, "test", { offlineSecrets: true });
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(ConfigValidationError);
        expect((error as ConfigValidationError).problems).toEqual(['trailguard:notifications.email[0]: got "ops@", expected an email address']);
        const duplicates = configValues("dev", { notifications: { https: ["https://a.example", "https://a.example"] } });
        expect(() => checkConfig(duplicates, "test", { offlineSecrets: true })).toThrow(
            'trailguard:notifications.https[1]: got "https://a.example", expected each value once; it is already listed at [0]',
        );
    });
});

describe("no environment variable makes validation offline", () => {
    const saved = process.env["TRAILGUARD_OFFLINE_RENDER"];
    afterEach(() => {
        if (saved === undefined) delete process.env["TRAILGUARD_OFFLINE_RENDER"];
        else process.env["TRAILGUARD_OFFLINE_RENDER"] = saved;
    });

    it("TRAILGUARD_OFFLINE_RENDER=1 (what the render worker used to set) leaves the placeholder rejected", () => {
        process.env["TRAILGUARD_OFFLINE_RENDER"] = "1";
        expect(problemsOf(configValues("dev", SECRET_KEYS))).toEqual(REJECTED_ONLINE);
    });

    it("the Pulumi binding goes offline through renderOffline() only, not through the environment", () => {
        // A fresh process: renderOffline() holds for the rest of the process, and this one must stay online.
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const { loadSettings, renderOffline } = require(${JSON.stringify(path.join(root, "dist", "config", "loadSettings.js"))});
            const attempt = () => {
                try {
                    return { accepted: loadSettings().notifications.https };
                } catch (err) {
                    return { runError: pulumi.RunError.isInstance(err), message: err.message };
                }
            };
            (async () => {
                pulumi.runtime.setAllConfig(${JSON.stringify(configValues("dev", { notifications: { https: [SECRET_PLACEHOLDER] } }))}, []);
                await pulumi.runtime.setMocks({ newResource: () => ({ id: "id", state: {} }), call: () => ({}) }, "trailguard", "dev", true);
                const online = attempt();
                renderOffline();
                const offline = attempt();
                process.stdout.write(JSON.stringify({ online, offline }));
            })();
        `;
        const run = spawnSync(process.execPath, ["-e", script], {
            cwd: root,
            encoding: "utf8",
            env: { ...process.env, TRAILGUARD_OFFLINE_RENDER: "1" },
        });
        expect(run.stderr).toBe("");
        expect(JSON.parse(run.stdout)).toEqual({
            online: {
                runError: true,
                message: 'invalid trailguard configuration for stack "dev" (1 problem):\n  trailguard:notifications.https[0]: got "[secret]", expected an https:// URL',
            },
            offline: { accepted: [SECRET_PLACEHOLDER] },
        });
    });
});
