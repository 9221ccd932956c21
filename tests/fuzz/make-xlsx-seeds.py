#!/usr/bin/python3
# make-xlsx-seeds.py: the seed inputs of fuzz-xlsx and fuzz-xlsx-sheet
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Small workbooks (stored and deflated, so that the fuzzer also sees the
# parts' bytes as they are) into corpus/xlsx/, and worksheet XML parts into
# corpus/xlsx-sheet/. Run from anywhere: /usr/bin/python3 make-xlsx-seeds.py

import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

SHEETS = {
    'cells': '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>网格</t></is></c>'
             '<c r="C1" t="b"><v>1</v></c><c r="D1"><v>320213001001</v></c><c r="E1" t="n"><v>3.20213E+11</v></c></row>'
             '<row r="3"><c r="A3" s="1"><v>43160</v></c><c r="B3" s="2"><v>43160.5</v></c>'
             '<c r="C3" t="str"><f>B1</f><v>网格</v></c><c r="D3"><f>D1+1</f><v>320213001002</v></c>'
             '<c r="E3" s="3"><v>1.5</v></c><c r="F3" t="d"><v>2018-03-01T08:30:00</v></c></row>',
    'implicit': '<row><c><v>1</v></c><c t="s"><v>1</v></c></row><row><c s="1"/><c><v>2</v></c></row>',
    'refused': '<row r="7"><c r="B7" t="s"><v>9</v></c><c r="C7" t="e"><v>#N/A</v></c><c r="D7"><f>1</f></c></row>',
    'empty-rows': ''.join('<row r="%d" s="1" customFormat="1"/>' % n for n in range(1, 40))
                  + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    'merged': '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c><c r="B1" s="1"/></row>',
}


def worksheet(data):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="%s" xmlns:r="%s"><sheetData>%s</sheetData>'
            '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>' % (MAIN, R, data))


def workbook(path, sheet, compression, date1904=False):
    parts = {
        '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels': '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>' % (PKG, R),
        'xl/workbook.xml': '<workbook xmlns="%s" xmlns:r="%s"><workbookPr date1904="%d"/><sheets>'
                           '<sheet name="社区" sheetId="1" r:id="rId1"/></sheets></workbook>'
                           % (MAIN, R, date1904),
        'xl/_rels/workbook.xml.rels':
            '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="%s/styles" Target="/xl/styles.xml"/>'
            '</Relationships>' % (PKG, R, R, R),
        'xl/sharedStrings.xml': '<sst xmlns="%s"><si><t>社区</t></si><si><r><t>网</t></r><r><t>格</t></r></si></sst>' % MAIN,
        'xl/styles.xml': '<styleSheet xmlns="%s"><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>'
                         '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
                         '<xf numFmtId="31"/></cellXfs></styleSheet>' % MAIN,
        'xl/worksheets/sheet1.xml': worksheet(sheet),
    }
    with zipfile.ZipFile(path, 'w', compression) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2018, 3, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, text.encode('utf-8'))


def main():
    xlsx = os.path.join(HERE, 'corpus', 'xlsx')
    sheets = os.path.join(HERE, 'corpus', 'xlsx-sheet')
    os.makedirs(xlsx, exist_ok=True)
    os.makedirs(sheets, exist_ok=True)
    for name, data in SHEETS.items():
        with open(os.path.join(sheets, name + '.xml'), 'w', encoding='utf-8') as out:
            out.write(worksheet(data))
    with open(os.path.join(sheets, '1904.xml'), 'w', encoding='utf-8') as out:
        out.write('1904' + worksheet(SHEETS['cells']))
    workbook(os.path.join(xlsx, 'stored.xlsx'), SHEETS['cells'], zipfile.ZIP_STORED)
    workbook(os.path.join(xlsx, 'deflated.xlsx'), SHEETS['cells'], zipfile.ZIP_DEFLATED)
    workbook(os.path.join(xlsx, 'implicit-1904.xlsx'), SHEETS['implicit'], zipfile.ZIP_STORED, True)
    workbook(os.path.join(xlsx, 'refused.xlsx'), SHEETS['refused'], zipfile.ZIP_STORED)


if __name__ == '__main__':
    main()
