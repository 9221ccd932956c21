#!/usr/bin/env python3
# gen-accessors.py: the typed accessors of every record type, generated
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: gen-accessors.py OUT.h OUT.c INCLUDE_DIR SOURCE.c...
#
# Reads the field descriptions that already exist in each record type's
# source (lib/community-<type>.c): the G_DEFINE_FINAL_TYPE line and every
# `properties[PROP_X] = g_param_spec_*("name", ...)` with the gi-docgen
# comment above it; sources that install no fields
# (community_record_class_install_fields) are skipped. For each property it
# writes a getter, and a setter when the property is writable after
# construction, with their documentation and annotations: a type or a field
# added to a source gets its accessors at the next build, with no hand edits.
#
# A function the type's public header (INCLUDE_DIR/community-<type>.h)
# already declares is not generated: a hand-written accessor wins. A getter
# whose name an ancestor (CommunityRecord, CommunityEntity) already uses,
# e.g. community_entity_get_kind(), is named after the type instead:
# community_grid_get_grid_kind().
#
# One convention for every type (documented in CommunityRecord): getters
# return the value, or the property's default when it is unset; whether a
# field is set is community_record_is_set()'s to say. Setting a string,
# array, date or object to NULL unsets it; community_record_unset() unsets
# any field.

import os
import re
import sys

SPEC = re.compile(
    r'(?:/\*\*(?P<doc>(?:(?!\*/).)*?)\*/\s*)?'
    r'properties\[PROP_\w+\]\s*=\s*g_param_spec_(?P<kind>\w+)\s*\(\s*"(?P<name>[\w-]+)"'
    r'(?P<args>[^;]*?)\)\s*;',
    re.S)
TYPE = re.compile(r'G_DEFINE_(?:FINAL_)?TYPE\s*\(\s*(\w+)\s*,\s*(\w+)\s*,')


def camel(macro):
    """COMMUNITY_TYPE_GRID_KIND -> CommunityGridKind"""
    words = macro.replace('_TYPE_', '_', 1).split('_')
    return ''.join(w.capitalize() for w in words)


def doc_text(doc, type_name, prop):
    """The description of a property's doc comment, one line."""
    if not doc:
        return ''
    lines = [re.sub(r'^\s*\* ?', '', l) for l in doc.strip().splitlines()]
    lines = [l for l in lines if not l.startswith(f'{type_name}:{prop}:')]
    text = ' '.join(l.strip() for l in lines if l.strip())
    return text


class Field:
    def __init__(self, type_name, prefix, m):
        self.type_name = type_name
        self.prefix = prefix
        self.name = m['name']
        self.c_name = self.name.replace('-', '_')
        self.kind = m['kind']
        args = m['args']
        self.doc = doc_text(m['doc'], type_name, self.name)
        self.construct_only = 'G_PARAM_CONSTRUCT_ONLY' in args
        self.writable = ('flags' in re.split(r'\W+', args) or 'WRITABLE' in args
                         or 'READWRITE' in args) and not self.construct_only
        gtype = re.search(r'\b((?:COMMUNITY|G)_TYPE_\w+)', args)
        self.gtype = gtype.group(1) if gtype else None
        # An enum, flags or record type: its C type from its GType macro.
        key = (self.kind, self.gtype if self.kind in ('boxed', 'object') else None)
        if key not in C_TYPES and self.kind in ('enum', 'flags'):
            key = (self.kind, None)
        elif key not in C_TYPES and self.kind in ('object', 'boxed'):
            key = (self.kind, None)
        if key not in C_TYPES:
            sys.exit(f'gen-accessors.py: {type_name}:{self.name}: no accessor for '
                     f'g_param_spec_{self.kind} ({self.gtype}); teach lib/gen-accessors.py')
        c_type, self.access = C_TYPES[key]
        if c_type is None:
            c_type = camel(self.gtype) + (' *' if self.kind in ('object', 'boxed') else '')
        self.ret = self.arg = c_type
        # Pointers: NULL is unset.
        self.nullable = self.access == 'pointer'


# g_param_spec_<kind> (and, for boxed and object ones, the value's GType)
# -> the C type of the accessors (None: named after the GType) and how the
# record stores the value (community_record_get_<access>_field()).
C_TYPES = {
    ('string', None): ('const char *', 'pointer'),
    ('boolean', None): ('gboolean', 'integer'),
    ('uint', None): ('guint', 'integer'),
    ('int64', None): ('gint64', 'integer'),
    ('double', None): ('double', 'double'),
    ('enum', None): (None, 'integer'),
    ('flags', None): (None, 'integer'),
    ('boxed', 'G_TYPE_STRV'): ('const char * const *', 'pointer'),
    ('boxed', 'G_TYPE_DATE'): ('const GDate *', 'pointer'),
    ('boxed', 'G_TYPE_DATE_TIME'): ('GDateTime *', 'pointer'),
    ('object', 'G_TYPE_LIST_MODEL'): ('GListModel *', 'pointer'),
    ('object', None): (None, 'pointer'),
    ('boxed', None): (None, 'pointer'),    # e.g. COMMUNITY_TYPE_FOO -> CommunityFoo *
}


def parse(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if 'community_record_class_install_fields (' not in text:
        return None
    t = TYPE.search(text)
    if t is None:
        return None
    type_name, prefix = t.group(1), t.group(2)
    class_init = text.find(f'{prefix}_class_init (')
    fields = [Field(type_name, prefix, m) for m in SPEC.finditer(text, class_init)]
    return type_name, prefix, fields


def declared(include_dir, names):
    """The community_* functions the headers in @names declare."""
    out = set()
    for name in names:
        path = os.path.join(include_dir, name)
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                out |= set(re.findall(r'\b(community_\w+)\s*\(', f.read()))
    return out


def ret_annotation(f):
    ann = []
    if f.access == 'pointer':
        ann.append('(transfer none)')
        if f.nullable:
            ann.append('(nullable)')
        if f.gtype == 'G_TYPE_STRV':
            ann.append('(array zero-terminated=1)')
        if f.gtype == 'G_TYPE_LIST_MODEL':
            pass
    return ' '.join(ann)


def main():
    out_h, out_c, include_dir, *sources = sys.argv[1:]
    inherited = {re.sub(r'^community_(record|entity)_', '', n)
                 for n in declared(include_dir, ['community-record.h', 'community-entity.h'])}
    types = []
    for path in sources:
        parsed = parse(path)
        if parsed:
            types.append(parsed)
    types.sort(key=lambda t: t[0])

    def banner(name):
        return [f'/* {name}: typed accessors of the record types',
                ' *',
                ' * SPDX-License-Identifier: LGPL-2.1-or-later',
                ' *',
                ' * Generated by lib/gen-accessors.py from the property definitions in',
                ' * lib/community-*.c: do not edit.',
                ' */',
                '']

    h = banner('community-accessors.h') + [
         '#pragma once',
         '',
         '#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)',
         '#error "Only <community/community.h> can be included directly."',
         '#endif',
         '',
         'G_BEGIN_DECLS',
         '']
    c = banner('community-accessors.c') + [
         '#include "config.h"',
         '',
         '#include "community.h"',
         '#include "community-record-private.h"',
         '']

    for type_name, prefix, fields in types:
        short = prefix[len('community_'):]
        header = f'community-{short.replace("_", "-")}.h'
        own = declared(include_dir, [header])
        macro = 'COMMUNITY_' + short.upper()
        link = f'{type_name[len("Community"):]}'
        h.append(f'/* {type_name} */')
        for f in fields:
            verb = f'get_{f.c_name}'
            if verb in inherited:
                verb = f'get_{short}_{f.c_name}'
            getter = f'{prefix}_{verb}'
            setter = f'{prefix}_s{verb[1:]}'
            prop = f'[property@Community.{link}:{f.name}]'
            about = f' {f.doc}' if f.doc else ''
            if getter not in own:
                if f.access == 'pointer':
                    returns = 'the value, or %NULL when it is unset'
                else:
                    returns = 'the value, or the property\'s default when it is unset'
                ann = ret_annotation(f)
                zero = 'NULL' if f.access == 'pointer' else '0'
                h += ['COMMUNITY_AVAILABLE_IN_0_1',
                      f'{f.ret}{"" if f.ret.endswith("*") else " "}{getter} ({type_name} *self);']
                c += ['/**',
                      f' * {getter}:',
                      f' * @self: a [class@Community.{link}]',
                      ' *',
                      f' * Gets {prop}.{about}',
                      ' *',
                      ' * Whether the field is set at all (unset is not the same as zero,',
                      ' * false or empty) is [method@Community.Record.is_set]\'s to say.',
                      ' *',
                      f' * Returns: {ann + ": " if ann else ""}{returns}',
                      ' */',
                      f'{f.ret.rstrip()}',
                      f'{getter} ({type_name} *self)',
                      '{',
                      f'  g_return_val_if_fail ({macro[:10]}IS_{macro[10:]} (self), {zero});',
                      '']
                cast = f'({f.ret.rstrip()}) ' if f.access != 'double' else ''
                c += [f'  return {cast}community_record_get_{f.access}_field '
                      f'(COMMUNITY_RECORD (self), "{f.c_name}");',
                      '}',
                      '']
            if f.writable and setter not in own:
                if f.access == 'pointer':
                    arg_ann = ' (nullable)'
                    if f.gtype == 'G_TYPE_STRV':
                        arg_ann += ' (array zero-terminated=1)'
                    arg_doc = 'the new value, or %NULL to unset the field'
                    effect = 'Sets it to a copy of @value (a new reference for an object), or unsets it.'
                else:
                    arg_ann = ''
                    arg_doc = 'the new value'
                    effect = ('Sets it and marks it set; [method@Community.Record.unset] '
                              'unsets it.')
                h += ['COMMUNITY_AVAILABLE_IN_0_1',
                      f'void {setter} ({type_name} *self,',
                      f'{" " * (len(setter) + 7)}{f.arg}{"" if f.arg.endswith("*") else " "}value);']
                c += ['/**',
                      f' * {setter}:',
                      f' * @self: a [class@Community.{link}]',
                      f' * @value:{arg_ann}{":" if arg_ann else ""} {arg_doc}',
                      ' *',
                      f' * Sets {prop}.{about}',
                      ' *',
                      f' * {effect} `notify` is emitted when the value changes.',
                      ' */',
                      'void',
                      f'{setter} ({type_name} *self,',
                      f'{" " * (len(setter) + 2)}{f.arg}{"" if f.arg.endswith("*") else " "}value)',
                      '{',
                      f'  g_return_if_fail ({macro[:10]}IS_{macro[10:]} (self));',
                      '',
                      f'  g_object_set (self, "{f.name}", value, NULL);',
                      '}',
                      '']
        h.append('')

    h += ['G_END_DECLS', '']
    for path, lines in ((out_h, h), (out_c, c)):
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))


if __name__ == '__main__':
    main()
