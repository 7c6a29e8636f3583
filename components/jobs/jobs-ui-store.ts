import { create } from "zustand";

import type { JobStatus } from "@/lib/jobs/status";

import type { JobFilters } from "./job-api";

interface JobsUiState {
  filters: JobFilters;
  /** Ids of jobs ticked for a bulk action. */
  selected: ReadonlySet<string>;
  /** The job shown in the side panel of the dashboard, if any. */
  panelJobId: string | null;
  setStatus: (status: JobStatus | null) => void;
  setType: (type: string | null) => void;
  setQuery: (q: string) => void;
  toggle: (id: string) => void;
  selectOnly: (ids: string[]) => void;
  clearSelection: () => void;
  openPanel: (id: string) => void;
  closePanel: () => void;
}

/** The jobs dashboard's own state: filters, selection and the detail panel. */
export const useJobsUi = create<JobsUiState>()((set) => ({
  filters: { status: null, type: null, q: "" },
  selected: new Set(),
  panelJobId: null,
  // A new filter shows other jobs: a selection the user can no longer see would surprise.
  setStatus: (status) => set((s) => ({ filters: { ...s.filters, status }, selected: new Set() })),
  setType: (type) => set((s) => ({ filters: { ...s.filters, type }, selected: new Set() })),
  setQuery: (q) => set((s) => ({ filters: { ...s.filters, q }, selected: new Set() })),
  toggle: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);

      return { selected };
    }),
  selectOnly: (ids) => set({ selected: new Set(ids) }),
  clearSelection: () => set({ selected: new Set() }),
  openPanel: (id) => set({ panelJobId: id }),
  closePanel: () => set({ panelJobId: null }),
}));
