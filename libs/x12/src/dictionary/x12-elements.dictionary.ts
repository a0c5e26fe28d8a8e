/**
 * X12 data elements: reference number → type, minimum and maximum length, written from the published
 * element dictionary of releases 004010 and 005010 (only the elements of the segments we read or write).
 * Types: AN string, ID identifier, R decimal, N0..N9 numeric with implied decimals, DT date, TM time.
 *
 * One line per element, "ref type min max"; 005010 changes are listed apart. Parsed once at module load.
 */
export type X12ElementType = 'AN' | 'ID' | 'R' | 'N' | 'DT' | 'TM' | 'B';

export interface X12ElementDef {
  ref: string;
  type: X12ElementType;
  /** Implied decimal places of an N type (N2 → 2). */
  decimals: number;
  min: number;
  max: number;
}

const ELEMENTS_004010 = `
2 N0 1 6
24 ID 2 4
40 ID 2 2
102 ID 1 1
107 ID 1 2
152 ID 2 3
208 ID 1 1
209 AN 1 4
225 AN 2 15
236 ID 3 3
325 AN 1 20
342 R 1 5
369 AN 1 45
371 ID 2 2
400 ID 2 2
508 AN 1 35
554 R 1 6
563 ID 1 2
648 ID 3 3
662 ID 1 1
687 ID 2 2
737 ID 2 2
738 ID 1 3
739 R 1 20
740 R 1 20
741 R 1 20
753 ID 2 3
754 AN 1 7
810 N0 1 6
935 ID 2 2
936 ID 1 2
1000 ID 2 2
828 R 1 15
1270 ID 1 3
1303 ID 1 1
1373 ID 1 2
1563 ID 1 2
19 AN 2 30
289 N0 1 2
499 AN 1 10
22 AN 1 30
23 ID 1 1
26 ID 2 3
28 N0 1 9
54 ID 2 2
61 AN 1 30
66 ID 1 2
67 AN 2 80
76 AN 1 22
79 AN 1 50
80 N0 1 7
81 R 1 10
82 R 1 8
87 AN 1 48
88 ID 1 2
91 ID 1 2
92 ID 2 2
93 AN 1 60
96 N0 1 10
97 N0 1 6
98 ID 2 3
100 ID 3 3
103 AN 3 5
116 ID 3 15
118 R 1 9
123 N0 1 6
127 AN 1 30
128 ID 2 3
133 ID 1 2
140 ID 2 4
143 ID 3 3
146 ID 2 2
156 ID 2 2
166 AN 1 55
183 R 1 8
187 ID 1 2
189 R 1 8
206 AN 1 4
207 AN 1 10
212 R 1 17
234 AN 1 48
235 ID 2 2
248 ID 1 1
280 R 4 10
284 ID 1 2
306 ID 1 2
309 ID 1 2
310 AN 1 30
324 AN 1 22
326 AN 1 45
327 AN 1 8
328 AN 1 30
329 AN 4 9
330 R 1 15
331 ID 2 2
332 R 1 6
333 ID 1 2
334 ID 2 2
335 ID 3 3
336 ID 2 2
337 TM 4 8
338 R 1 6
347 R 1 10
349 ID 1 1
350 AN 1 20
351 N0 1 3
352 AN 1 80
353 ID 2 2
354 N0 1 6
355 ID 2 2
356 N0 1 6
357 R 1 8
358 R 1 10
362 N2 1 10
363 ID 3 3
364 AN 1 80
365 ID 2 2
366 ID 2 2
367 AN 1 30
368 ID 2 2
370 DT 8 8
373 DT 8 8
374 ID 3 3
378 ID 1 1
380 R 1 15
382 R 1 10
384 R 1 9
385 R 1 9
386 N0 1 3
387 AN 1 35
388 DT 8 8
389 N2 1 10
396 AN 2 30
441 ID 1 1
443 AN 1 20
446 DT 8 8
447 AN 1 4
478 ID 1 1
479 ID 2 2
480 AN 1 12
522 ID 1 3
559 ID 2 2
587 ID 2 2
610 N2 1 15
623 ID 2 2
628 AN 1 12
639 ID 2 2
640 ID 2 2
641 ID 3 3
646 R 1 15
649 R 1 10
668 ID 2 2
669 ID 3 3
670 ID 2 2
671 R 1 9
673 ID 2 3
706 ID 2 2
715 ID 1 1
716 ID 1 3
717 ID 1 1
718 ID 1 3
719 N0 1 6
720 ID 1 3
721 ID 2 3
722 N0 1 2
723 ID 1 3
724 AN 1 99
725 N0 1 4
728 ID 2 2
731 ID 2 2
732 ID 2 2
733 AN 1 30
734 AN 1 12
735 ID 1 2
736 ID 1 1
750 ID 2 3
751 AN 1 12
752 ID 2 2
755 ID 2 2
765 N0 1 2
770 AN 1 20
782 R 1 18
786 ID 2 2
819 ID 2 3
822 AN 1 15
933 AN 1 264
934 ID 2 2
954 R 1 10
955 ID 2 2
956 AN 1 30
963 ID 2 2
1005 ID 4 4
1018 R 1 15
1019 ID 3 3
1073 ID 1 1
1166 ID 2 2
1232 ID 2 2
1250 ID 2 3
1251 AN 1 35
1271 AN 1 30
1300 ID 4 4
1301 AN 1 10
1325 ID 1 1
1470 N0 1 9
1528 N0 1 2
I08 DT 6 6
I09 TM 4 4
I12 N0 9 9
I17 ID 1 1
I18 ID 3 3
`;

/** 005010 widened some elements and added others (ST03, AK103, AK203, repeating-element position, CTX). */
const ELEMENTS_005010_CHANGES = `
127 AN 1 50
364 AN 1 256
719 N0 1 10
1686 N0 1 4
1705 AN 1 35
1715 ID 1 3
618 ID 1 3
620 ID 1 3
621 ID 1 3
9000 AN 1 35
9001 AN 1 35
`;

function parseElements(text: string): Map<string, X12ElementDef> {
  const map = new Map<string, X12ElementDef>();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 4) continue;
    const [ref, rawType, min, max] = parts;
    const numeric = /^N(\d)$/.exec(rawType);
    const type = (numeric ? 'N' : rawType) as X12ElementType;
    map.set(ref, { ref, type, decimals: numeric ? Number(numeric[1]) : 0, min: Number(min), max: Number(max) });
  }
  return map;
}

const base = parseElements(ELEMENTS_004010);
const five = new Map(base);
for (const [ref, def] of parseElements(ELEMENTS_005010_CHANGES)) five.set(ref, def);

export const X12_ELEMENTS: Readonly<Record<'004010' | '005010', ReadonlyMap<string, X12ElementDef>>> = { '004010': base, '005010': five };
