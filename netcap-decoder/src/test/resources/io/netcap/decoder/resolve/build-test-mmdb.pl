#!/usr/bin/perl
# Writes two small MaxMind DB files in the GeoLite2 schemas for the resolver tests:
#   build-test-mmdb.pl OUT_DIR   ->   OUT_DIR/GeoLite2-City.mmdb, OUT_DIR/GeoLite2-ASN.mmdb
# Needs Debian's libmaxmind-db-writer-perl. The networks are documentation and private ranges plus
# a few IPv6 ones (hence remove_reserved_networks => 0); the values are made up.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift or die "usage: $0 OUT_DIR\n";

my %city_types = (
    city => 'map', country => 'map', continent => 'map', location => 'map',
    names => 'map', iso_code => 'utf8_string', en => 'utf8_string', de => 'utf8_string',
    geoname_id => 'uint32', latitude => 'double', longitude => 'double', code => 'utf8_string',
);
my $city = MaxMind::DB::Writer::Tree->new(
    ip_version => 6, record_size => 28, remove_reserved_networks => 0, database_type => 'GeoLite2-City',
    languages => ['en', 'de'], description => { en => 'netcap test city database' },
    map_key_type_callback => sub { $city_types{ $_[0] } },
);
$city->insert_network('192.0.2.0/24', {
    city => { geoname_id => 2643743, names => { en => 'London', de => 'London' } },
    country => { iso_code => 'GB', names => { en => 'United Kingdom' } },
    location => { latitude => 51.5, longitude => -0.12 },
});
$city->insert_network('198.51.100.0/24', {
    city => { names => { en => "Z\x{fc}rich", de => "Z\x{fc}rich" } },
    country => { iso_code => 'CH', names => { en => 'Switzerland' } },
});
# a country without a city
$city->insert_network('203.0.113.0/24', { country => { iso_code => 'AU', names => { en => 'Australia' } } });
# a city without an English name: the location is the country alone
$city->insert_network('10.1.0.0/16', {
    city => { names => { de => 'Berlin' } }, country => { iso_code => 'DE' },
});
$city->insert_network('2001:db8:1::/48', {
    city => { names => { en => 'Paris' } }, country => { iso_code => 'FR' },
});
open my $fh, '>:raw', "$dir/GeoLite2-City.mmdb" or die $!;
$city->write_tree($fh);
close $fh;

my %asn_types = (autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string');
my $asn = MaxMind::DB::Writer::Tree->new(
    ip_version => 6, record_size => 24, remove_reserved_networks => 0, database_type => 'GeoLite2-ASN',
    languages => ['en'], description => { en => 'netcap test ASN database' },
    map_key_type_callback => sub { $asn_types{ $_[0] } },
);
$asn->insert_network('192.0.2.0/24', { autonomous_system_number => 64496, autonomous_system_organization => 'Example One' });
$asn->insert_network('2001:db8::/32', { autonomous_system_number => 64511, autonomous_system_organization => 'Example Six' });
open $fh, '>:raw', "$dir/GeoLite2-ASN.mmdb" or die $!;
$asn->write_tree($fh);
close $fh;
