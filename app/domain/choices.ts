/** What the pickers of a form offer (units, people, goals): view models shared by loaders and components. */

export interface UnitChoice {
  id: number;
  name: string;
  code: string;
  kind: "city" | "department" | "ward" | "commune" | "division";
  depth: number;
  closed?: boolean;
}

export interface OwnerChoice {
  id: number;
  fullName: string;
  unitId: number;
  role: string;
  inactive?: boolean;
}

export interface GoalChoice {
  id: number;
  title: string;
  programCode: string;
}

export interface TaskFormChoices {
  /** Units the user may make lead (a head: their subtree), in tree order. */
  leadUnits: UnitChoice[];
  /** Every unit that may coordinate, in tree order. */
  allUnits: UnitChoice[];
  owners: OwnerChoice[];
  /** Parent of each active unit, to narrow owners to the lead unit's subtree. */
  unitParents: Record<string, number | null>;
  goals: GoalChoice[];
}
