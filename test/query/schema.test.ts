// The DuckDB view and the Athena DDL describe the same table: same columns, same order, same types.
// The DDL's columns are read back from its text, DuckDB's from DESCRIBE, and DuckDB's type text is
// translated to Hive's (VARCHAR → string, STRUCT(a VARCHAR) → struct<a:string>, T[] → array<T>).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { athenaTypeText, CLOUDTRAIL_COLUMNS, cloudTrailColumnNames, cloudTrailTableDdl } from "../../core/queries/athenaSchema";
import { CloudTrailDuckDb } from "../../cli/query/duckdbEngine";
import { classifyInputFile } from "../../cli/query/inputLayout";
import { columnsToRead } from "../../cli/query/duckdbView";
import * as path from "path";
import { FIXTURE_DIR } from "../filterPattern/cloudTrailFixtures";

let db: CloudTrailDuckDb;
beforeAll(async () => {
    db = await CloudTrailDuckDb.open({ memoryLimit: "256MB", threads: 1 });
});
afterAll(() => db?.close());

/** DuckDB's type text as Hive writes it. */
function hiveType(duck: string): string {
    return duck
        .replace(/"([^"]+)"/g, "$1")
        .replace(/VARCHAR/g, "string")
        .replace(/MAP\(/g, "map<")
        .replace(/STRUCT\(/g, "struct<")
        .replace(/(\w+) (?=[a-z<])/g, "$1:")
        .replace(/struct<([^()]*?)\)/g, "struct<$1>")
        .replace(/ /g, "")
        .replace(/\)/g, ">")
        .replace(/(struct<[^[\]]*?>|string)\[\]/g, "array<$1>")
        .replace(/map<string:string>/g, "map<string,string>");
}

/** Column names and types from the DDL text: `  \`name\` type,` lines, then PARTITIONED BY. */
function ddlColumns(ddl: string): Array<{ name: string; type: string }> {
    const data = [...ddl.matchAll(/^ {2}`([a-z0-9]+)` (.+?),?$/gm)].map((m) => ({ name: m[1]!, type: m[2]! }));
    const partitions = [.../PARTITIONED BY \((.*)\)/.exec(ddl)![1]!.matchAll(/`([a-z]+)` (\w+)/g)].map((m) => ({ name: m[1]!, type: m[2]! }));
    return [...data, ...partitions];
}

describe("the cloudtrail table on both engines", () => {
    const ddl = cloudTrailTableDdl({ table: "cloudtrail", location: "s3://bucket/AWSLogs/" });

    it("has the columns the issue names, with the types AWS documents", () => {
        const columns = Object.fromEntries(ddlColumns(ddl).map((c) => [c.name, c.type]));
        for (const plain of ["eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress", "useragent", "errorcode", "errormessage", "recipientaccountid"]) {
            expect(columns[plain], plain).toBe("string");
        }
        for (const json of ["requestparameters", "responseelements", "additionaleventdata"]) expect(columns[json], json).toBe("string");
        expect(columns["useridentity"]).toMatch(/^struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,/);
        expect(columns["resources"]).toBe("array<struct<arn:string,accountid:string,type:string>>");
        expect(ddl).toMatch(/PARTITIONED BY \(`account` string, `region` string, `timestamp` string\)/);
    });

    it.each([
        ["the empty view", undefined, undefined],
        ["a view over files", "stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", undefined],
        ["a view reading only what a query uses", "stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", "SELECT eventname, count(*) FROM cloudtrail GROUP BY 1"],
    ])("%s has exactly the DDL's columns, in order, with the same types", async (_what, file, sql) => {
        if (file) {
            const c = await classifyInputFile(path.join(FIXTURE_DIR, file));
            if (!c.ok) throw new Error(c.message);
            await db.useFiles([c.input], sql);
        } else {
            await db.useFiles([]);
        }
        const view = await db.describeView();
        expect(view.map((c) => c.name)).toEqual(ddlColumns(ddl).map((c) => c.name));
        expect(view.map((c) => c.name)).toEqual(cloudTrailColumnNames());
        expect(view.map((c) => hiveType(c.type))).toEqual(ddlColumns(ddl).map((c) => c.type));
        // Spot check the translation itself on the deepest column, by hand from AWS's DDL.
        expect(hiveType(view.find((c) => c.name === "useridentity")!.type)).toContain(
            "sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>",
        );
    });

    it("reads only the columns a query names, all of them for *", () => {
        const names = (sql: string) => columnsToRead(sql).map((c) => c.name);
        expect(names("SELECT eventname, count(*) FROM cloudtrail GROUP BY 1")).toEqual(["eventtime", "eventname", "awsregion", "recipientaccountid"]);
        expect(names("SELECT UserIdentity.arn FROM cloudtrail")).toEqual(["useridentity", "eventtime", "awsregion", "recipientaccountid"]);
        expect(names("SELECT * FROM cloudtrail")).toHaveLength(CLOUDTRAIL_COLUMNS.length);
        expect(names("SELECT t.* FROM cloudtrail t")).toHaveLength(CLOUDTRAIL_COLUMNS.length);
        expect(names("SELECT COLUMNS('^event') FROM cloudtrail")).toHaveLength(CLOUDTRAIL_COLUMNS.length);
    });

    it("derives the DDL from the one column list", () => {
        for (const c of CLOUDTRAIL_COLUMNS) expect(ddl).toContain(`  \`${c.name}\` ${athenaTypeText(c.type)}`);
    });
});
