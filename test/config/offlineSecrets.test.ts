// `secure:` values cannot be decrypted offline. A stack whose notification endpoints are secrets
// must still render and check offline, while a real run keeps validating what they decrypt to.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { isSecret } from "../../cli/mockEngine/renderedStack";
import { readPulumiProject, renderStack } from "../../cli/mockEngine/renderStack";
import { trailguardRoot } from "../../cli/trailguardRoot";
import { SECRET_PLACEHOLDER } from "../../config/offlineSecrets";
import { configValues, problemsOf } from "./configValues";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-secrets-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
        const root = trailguardRoot();
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
