"""The lembar kerja of a cycle: the XLSX worksheet a team keeps, exported and imported back.

- `columns`: which columns the worksheet has (from the framework and the stage registry) and
  who may change each one;
- `selectors`: the worksheet's rows as the user sees them now;
- `xlsx`: writing the styled workbook and reading an edited one back (size checked first);
- `services`: the import, planned as a dry run through the evaluation services, then applied
  all or nothing.
"""
