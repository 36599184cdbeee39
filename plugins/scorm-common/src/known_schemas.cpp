// SHA-256 (CRLF read as LF) of the SCORM schema files as ADL, IMS and Rustici
// publish them: the 1.2 set, the 2004 2nd/3rd/4th Edition sets, and the copies the
// golf example packages carry. Computed from the conformance corpus; the files
// themselves are never copied into this project.
#include "xsd_check.hpp"

#include <set>
#include <string>

namespace trellis::scorm {

bool is_standard_schema(std::string_view file_name, std::string_view digest) {
  static const std::set<std::string, std::less<>> known{
      "XMLSchema.dtd a5e98f4f28d11c58f132ee771350f41930a10a5d22acc280e0ce8501e5603bbe",
      "XMLSchema.dtd c69f01c9bc174fef53908e322e8e294b1f54f9f3430242b02ad8237322eae4b1",
      "adlcp_rootv1p2.xsd 166397a1f52585caac857228cf2b10085a5d07c0612a3d55cb3ed108ce8b028a",
      "adlcp_v1p3.xsd 20010c042b9d0c5991048e977edd3c494001178b5e98eb8a9541fadfc8bfcc99",
      "adlcp_v1p3.xsd 39b20944149b576d6cc4f74b0bff098c5e5b1c00f2393281d15ac5a783f97204",
      "adlcp_v1p3.xsd 87cefec31b160a1ecc9ffd1475bee6cb0e2d71b2bcd76ba1a08df0ac90cf8f7d",
      "adlmd_vocabv1p0.xsd b62cfc60fb7e719dcde49f05216f727e31d3cb286a40a3756b6183bce1726f9e",
      "adlnav_v1p3.xsd 1fc2678e9acaee07ba8b0da93caa5f52da5167f2999c4adbd0a4ad74c15c8bfb",
      "adlnav_v1p3.xsd 33f3aa87bc0316da4e4ddb035df5f3bbd6f7bb51d8c447ee9976a3de22b13673",
      "adlseq_v1p3.xsd 162b5ca35a3fc43107efe0f78f5216c76f6cad8e13921c8332b7b82db7c4ae08",
      "adlseq_v1p3.xsd 21c68550a5cbe611ed6394cdf0c01038629405970e407b9f946322cc345e49b5",
      "anyElement.xsd cac6e4e3865324aa749b45d43f69f252e3447c7ab1d3a6432ed78c5388aefeea",
      "bdlcp_rootv1p2.xsd d5e003a9a67671c0ad5bf0aef1cf4ca672b34a2a14ec15482d2192e8074e63ba",
      "custom.xsd 7cddc5f7101fbb44f739cffdd013b842b7833a367c4f3a936a088547f2c3c22a",
      "custom.xsd a95f04b4ea3a7e35058920dfba3de9dda2f95e38ef6e69dc6ef67c4f7cc94fde",
      "custom.xsd d5d2635abaeef4df02106fc4b8dd220e11e641c00842f1f8f6c32949a6ddc236",
      "custom.xsd ecc663e47037db127d060ec62bf360f590d5a1d623af7dc22522f1d9d04c0b3f",
      "dataTypes.xsd 08bc470c50bfc61c5000c2c79aade9028965495f83bb32bd4464a9a273cbef37",
      "dataTypes.xsd b5ed98fd78019103deb5cf41642f477e4e522de48795874715b18df617086ac7",
      "datatypes.dtd 6946432ca7af2e9584f91b48564111fd2c73c8debbbcd9a0e3f5ddd382eeb51c",
      "datatypes.dtd d46c4f4c9384a0dc2f922c71af0405ebe1d64fae77cfd860b64f9600ca395427",
      "elementNames.xsd 1e9abdb0af7896ad7856eac903d210a5235fec2bca62cbef8e45014794513636",
      "elementTypes.xsd 703c395e67753c1710544c668cdfdfe510a0ea7060f644b6180fbeaef48b9226",
      "ims_xml.xsd 1b3a43ddef4fa814a6dce69c4dbbfc25e00e0edc76a0cccfec7ed0a59c6a37b0",
      "ims_xml.xsd a10e0a22ea76c1168cc51a866484397a7942ee389c76f0a03a523d2f74a54592",
      "ims_xml.xsd e1cc753e11098047f8c551254e52ad7b0e64cc299fa502236041321df26d516a",
      "imscp_rootv1p1p2.xsd e45606348d7f517874d70ec102796526a63a85e54a4a1db5e6a5944449674d31",
      "imscp_v1p1.xsd 17bc4f49c4a6d0f037e52c81c8db6a7417d64930867bdc166267c8ed9af025ba",
      "imscp_v1p1.xsd 37d9a70b8b9b0303cdee1af5839fe8b32c2724c39d8124e714af650da4a08cdb",
      "imscp_v1p1.xsd a5333c5b9a392d4f21d20b188eb77dec2f04021642a6232f3c07ef8032fe233e",
      "imscp_v1p1.xsd cc4cb6103b962f273c5be07a6d6b57b6c56e569f6daabdcebd22d55c5009733a",
      "imsmd_rootv1p2p1.xsd 83879be70d6bdff1d8788d4efcb12d51380de1b242f1a2a16e271a040dce8a5d",
      "imsss_v1p0.xsd 44efb19f4025f973e05f84910d4aef690f66c7f220da1f749b139ba2e9c91991",
      "imsss_v1p0.xsd 53565d8b23842d5b667beffa4ed100e3e06cdd778b60b85efc38e7a9a1f52a90",
      "imsss_v1p0auxresource.xsd 80a604a3a3dd3bbff79ebd36b9597de3f7ad881c3819a9570b38a596895671b2",
      "imsss_v1p0auxresource.xsd c0dd16d707f37c4d26484d7c233eea6d9ccbb8bad643040359f4b4f2944c057a",
      "imsss_v1p0control.xsd c8564177ca7b1c241d6ca893652f6946eb91fee450dce8607ba2189ba88e7969",
      "imsss_v1p0control.xsd ff005bd139231352dbc56a956a17797d41902d5e79d16ffc109e944b66378d20",
      "imsss_v1p0delivery.xsd 58d4f343e3302e2986a641b066a3f0b30bd895b62d358a184cb5c3455427392c",
      "imsss_v1p0delivery.xsd d7c5d0024f1fa9b8cd4bbc41ddfd528244ca03656fd871d1800d27591c930eff",
      "imsss_v1p0limit.xsd 8054b3407105c5f4a8b9afa62b26e151dd01e8be4ab17e6cab87e8fd1a90e3f5",
      "imsss_v1p0limit.xsd debda0a7fe2a1ce6e063383c4efc9fbd5f2341355c85d66062742657be2418a9",
      "imsss_v1p0objective.xsd 776e091df47e934432c78703e552482e83165f75c9bf89c6320ee035ecd7ae69",
      "imsss_v1p0objective.xsd e07662bf97316caeced60fafeedd6214d3eaca9be486b83bb81075d4d7b7b35b",
      "imsss_v1p0random.xsd 3442393c455d8a984853c1c7cdf1bf6ccf4d0c58452c0e39b6c0aab65339f597",
      "imsss_v1p0random.xsd 55a783f9dc94602cc587038f50835b00fe43de846b0ac97bf0de9f3a65ee6ac5",
      "imsss_v1p0rollup.xsd 4820cf5e8e36e3234a4f6d43e9ad05edd538b9648ac94ce569043c5d4f99d481",
      "imsss_v1p0rollup.xsd 85100e4c7ba8eff77102d73d2ce265ddd803d13191a1d2b81bf3bf8bb1eac554",
      "imsss_v1p0seqrule.xsd 9680b1da7e81c5d516ed34bf352aa5a9da2e24f21275500874cd1b7c2ddf1c2b",
      "imsss_v1p0seqrule.xsd b8fbd362e2408d318ae97cc70a7d3a8a536db29150b7ef7b355f394d06027023",
      "imsss_v1p0util.xsd 6001831672e579931fdf29cb101d5ec57fec633f792aab13a703312fa76f5a38",
      "imsss_v1p0util.xsd b7234f3f62ede3f8dc6cd35053805ad021b4642b54f34b7960945981be95a438",
      "lom.xsd 8052d9123f66342270f07e2b6179b2b27aa50aff372a4bd15ca588a98fb68616",
      "lom.xsd c75cc4b226826e0532597b2fb62487b8c942fc5b6119d12d55798eb4c30c004a",
      "lomCustom.xsd 451c2ee5a55ba231c2fc34138bb1c1d733649f6c9598e282a654a002d2e067d0",
      "lomCustom.xsd c323ce80f3f07229ef854d17bbb42a2945d86537226e1b69b2b6ffcd3ac52d53",
      "lomLoose.xsd 3adc777633215d1f85aea10ceaa3d27b10be2908b3f006bb86459302941b0ed8",
      "lomLoose.xsd 868659a229463f3070bdd1999805007a1e2a33df9724835b58e627b207592be2",
      "lomStrict.xsd 82886e7ecb2affcc0fc3ed30f9d40476d8d57bea918bfb11e2437fd84a237a12",
      "lomStrict.xsd 91be78de104648025c789dfa47f824ff67a3926c46f3a303b6be92e98b74748a",
      "loose.xsd 06bc22c9f52d577d2e90d304da32324c8badd9b577aa6157786338184218ffb4",
      "loose.xsd 44383e530a40f4337085b65023e75b8f04ad40fef983ffdb8a737574614e869d",
      "loose.xsd 71f4e06f1caf74649297b3b60b4d0be18909966fc90f159d926d762720d89d4a",
      "loose.xsd ae12fa50a9eefb55d2c3ab055b3eff600063d09d5cae46e06adb7cd68a2175eb",
      "rootElement.xsd 85855fd15bb5029fca257cf4253cdba42cac49be7698efaaf4f81787afb7b344",
      "strict.xsd 1eaf0c81d48dd5a63aecbf65249f54fd9212e1f73b81cb63b4a00515cd60b21a",
      "strict.xsd 6411e6ca24441648c940e849355485c723e9b7577dacd3d967ebce9b8332e962",
      "strict.xsd 8d74befc30ea140b74ce501ede16fcf1b39efe3735a662d884b9e4911dd8997d",
      "strict.xsd 8f456ea45b7512e3e0d66b166ad9bc6b931e4761c2ad55eaedc463e016410b03",
      "strict.xsd a85e93aee43885242179a5a56d0472e03e58bacf72ab128b8fcee4f363cbc1ff",
      "strict.xsd b26589a6451587700b6a1e8d77c4779a58099515a36cef83391a228d484ca4f1",
      "vocabTypes.xsd 5e06bd22cf08a56d0634e73ff33e02ea2d437695a6167c275e843bdf7f5138c4",
      "vocabValues.xsd 428caec4a51277aa28c571d1d488ab7ff7720d6cd90c1a87ed3a5a6e36b945a9",
      "xml.xsd 95907dad3dea7debdd26bddeab77e3946b95370329994beefa74253be105c3e2",
  };
  return known.count(std::string(file_name) + " " + std::string(digest)) > 0;
}

}  // namespace trellis::scorm
