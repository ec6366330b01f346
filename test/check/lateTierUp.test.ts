// The processes a check starts optimise late (cli/lateTierUp.ts) unless the user chose a budget,
// on the Node majors the flag was measured on.
import { describe, expect, it } from "vitest";
import { lateTierUpOnly, withLateTierUp } from "../../cli/lateTierUp";

const NODE_20 = "20.20.2";

describe("late optimisation for a check's child processes", () => {
    it("is added after the options the process already has", () => {
        expect(withLateTierUp([], NODE_20)).toEqual(["--interrupt-budget=1000000"]);
        expect(withLateTierUp(["--inspect", "--max-old-space-size=4096"], NODE_20)).toEqual(["--inspect", "--max-old-space-size=4096", "--interrupt-budget=1000000"]);
    });

    it("leaves a budget the user set alone, in either spelling V8 accepts", () => {
        expect(withLateTierUp(["--interrupt-budget=5000"], NODE_20)).toEqual(["--interrupt-budget=5000"]);
        expect(withLateTierUp(["--interrupt_budget=5000", "--inspect"], NODE_20)).toEqual(["--interrupt_budget=5000", "--inspect"]);
    });

    it("is not fooled by other options that start alike", () => {
        expect(withLateTierUp(["--interrupt-budget-for-feedback-allocation=940"], NODE_20)).toEqual(["--interrupt-budget-for-feedback-allocation=940", "--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--interrupt-budget-factor-for-feedback-allocation=8"], NODE_20)).toEqual(["--interrupt-budget=1000000"]);
    });

    it("gives a child that inherits no options only the budget: the user's, or the late one", () => {
        expect(lateTierUpOnly([], NODE_20)).toEqual(["--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--inspect=9229", "--max-old-space-size=4096"], NODE_20)).toEqual(["--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--inspect=9229", "--interrupt-budget=67584"], NODE_20)).toEqual(["--interrupt-budget=67584"]);
    });

    it("is left out on a Node it was not measured on, where V8 may not know the flag; a user's budget still passes", () => {
        expect(withLateTierUp(["--inspect"], "22.11.0")).toEqual(["--inspect"]);
        expect(lateTierUpOnly([], "24.0.0")).toEqual([]);
        expect(lateTierUpOnly(["--interrupt-budget=5000"], "22.11.0")).toEqual(["--interrupt-budget=5000"]);
    });
});
