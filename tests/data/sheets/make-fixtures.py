#!/usr/bin/python3
# make-fixtures.py: the openpyxl-written workbooks that tests/test-xlsx-reader.c
# reads, written by another implementation than the library's.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with Debian's python3-openpyxl (installed by ./run) from this folder:
#   /usr/bin/python3 make-fixtures.py
# and commit the .xlsx files it writes. openpyxl stamps the time of writing
# into docProps/core.xml; it is fixed here so that the bytes are the same
# from one run to the next.

import datetime
import os
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = datetime.datetime(2018, 3, 1, 0, 0, 0)


def save(workbook, name):
    workbook.properties.created = STAMP
    workbook.properties.modified = STAMP
    workbook.save(os.path.join(HERE, name))


def main():
    # Strings, a code kept as text, numbers, a boolean, a date, a date-time,
    # a merged range, a second sheet.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = '社区'
    sheet.append(['编码', '名称', '户数', '面积', '启用', '成立', '换届', '数字编码'])
    sheet.append(['320213001001', '清名桥社区', 2000, 2.5, True,
                  datetime.date(2018, 3, 1), datetime.datetime(2018, 3, 1, 8, 30),
                  320213001001])
    sheet['B3'] = '合并'
    sheet.merge_cells('B3:C3')
    # a million-row sheet's end, formatted and empty
    for row in range(4, 40):
        sheet.cell(row=row, column=4).number_format = 'yyyy-mm-dd'
    grids = workbook.create_sheet('网格')
    grids.append(['id', 'community'])
    grids.append(['G1', '320213001001'])
    save(workbook, 'openpyxl.xlsx')

    # The 1904 date system.
    workbook = openpyxl.Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = '社区'
    sheet['A1'] = datetime.date(2018, 3, 1)
    sheet['A2'] = datetime.date(1904, 1, 1)
    save(workbook, 'openpyxl-1904.xlsx')

    # A formula: openpyxl does not calculate, so it has no cached value.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = '社区'
    sheet.append(['a', 'b', 'sum'])
    sheet.append([1, 2, '=A2+B2'])
    save(workbook, 'openpyxl-formula.xlsx')
    return 0


if __name__ == '__main__':
    sys.exit(main())
