// The processes a check starts optimise late (cli/lateTierUp.ts) unless the user chose a budget.
import { describe, expect, it } from "vitest";
import { lateTierUpOnly, withLateTierUp } from "../../cli/lateTierUp";

describe("late optimisation for a check's child processes", () => {
    it("is added after the options the process already has", () => {
        expect(withLateTierUp([])).toEqual(["--interrupt-budget=1000000"]);
        expect(withLateTierUp(["--inspect", "--max-old-space-size=4096"])).toEqual(["--inspect", "--max-old-space-size=4096", "--interrupt-budget=1000000"]);
    });

    it("leaves a budget the user set alone, in either spelling V8 accepts", () => {
        expect(withLateTierUp(["--interrupt-budget=5000"])).toEqual(["--interrupt-budget=5000"]);
        expect(withLateTierUp(["--interrupt_budget=5000", "--inspect"])).toEqual(["--interrupt_budget=5000", "--inspect"]);
    });

    it("is not fooled by other options that start alike", () => {
        expect(withLateTierUp(["--interrupt-budget-for-feedback-allocation=940"])).toEqual(["--interrupt-budget-for-feedback-allocation=940", "--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--interrupt-budget-factor-for-feedback-allocation=8"])).toEqual(["--interrupt-budget=1000000"]);
    });

    it("gives a child that inherits no options only the budget: the user's, or the late one", () => {
        expect(lateTierUpOnly([])).toEqual(["--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--inspect=9229", "--max-old-space-size=4096"])).toEqual(["--interrupt-budget=1000000"]);
        expect(lateTierUpOnly(["--inspect=9229", "--interrupt-budget=67584"])).toEqual(["--interrupt-budget=67584"]);
    });
});
